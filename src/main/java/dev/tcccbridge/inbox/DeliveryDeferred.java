package dev.tcccbridge.inbox;

import java.time.Duration;

/**
 * Thrown by a pipeline that cannot deliver its row <em>yet</em> (a recording whose call's CDR
 * has not been delivered, say): the row is looked at again after {@link #delay()}. Not a
 * failure: it does not count as a failed attempt for the backoff, the retry window starts
 * again when the waiting ends, and it is logged quietly. The pipeline bounds how long it waits.
 */
public class DeliveryDeferred extends RuntimeException {

    private final Duration delay;

    /**
     * @param reason why the row waits, kept in the row's last_error for operators
     * @param delay  when to look at the row again (zero: at the next poll)
     */
    public DeliveryDeferred(String reason, Duration delay) {
        super(reason, null, false, false);
        this.delay = delay.isNegative() ? Duration.ZERO : delay;
    }

    public Duration delay() {
        return delay;
    }
}
