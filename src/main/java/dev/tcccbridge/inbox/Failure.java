package dev.tcccbridge.inbox;

import java.time.Duration;

/**
 * What went wrong with a delivery attempt, as {@link FailureClassifier} sees it.
 *
 * @param retryable whether a later attempt may succeed (else the row is dead at once)
 * @param reason    a one-line reason for operators, kept in the inbox row
 * @param deferral  not a failure but "not yet": look at the row again after this delay
 *                  ({@link DeliveryDeferred}); null for real failures
 */
public record Failure(boolean retryable, String reason, Duration deferral) {

    public Failure(boolean retryable, String reason) {
        this(retryable, reason, null);
    }

    public static Failure retryable(String reason) {
        return new Failure(true, reason);
    }

    public static Failure permanent(String reason) {
        return new Failure(false, reason);
    }

    /** The row cannot be delivered yet; it waits without counting as a failure. */
    public static Failure notYet(String reason, Duration delay) {
        return new Failure(true, reason, delay);
    }

    public boolean deferred() {
        return deferral != null;
    }
}
