package dev.tcccbridge.recording;

import dev.tcccbridge.inbox.DeliveryDeferred;
import dev.tcccbridge.inbox.DeliveryProperties;
import dev.tcccbridge.inbox.InboxDelivery;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * A recording waits for its call's CDR: the CDR's upsert writes the activity's owner, contact
 * and call fields, so recordings that come first would otherwise make a bare activity. The
 * wait is bounded by {@code bridge.delivery.await-cdr} from the recording's arrival; a CDR that
 * is dead, or never comes, holds nothing up beyond that (a dead one not even that long).
 */
@Component
public class CdrFirst {

    private final SessionRecordings inbox;
    private final Duration awaitCdr;
    private final Duration recheck;
    private final Clock clock;

    public CdrFirst(SessionRecordings inbox, DeliveryProperties delivery, Clock clock) {
        this.inbox = inbox;
        this.awaitCdr = delivery.awaitCdr();
        this.recheck = delivery.recheck();
        this.clock = clock;
    }

    /**
     * In the route: goes on when the recording may be delivered now.
     *
     * @throws DeliveryDeferred when it should wait for the CDR (the row is looked at again later)
     */
    public void check(@Header(InboxDelivery.SESSION_ID) String sessionId,
                      @Header(InboxDelivery.INBOX_ID) long inboxId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime receivedAt = inbox.receivedAt(inboxId).orElse(now);
        Decision decision = decide(inbox.cdrStates(sessionId), receivedAt, now, awaitCdr, recheck);
        if (decision.waitFor() != null) {
            throw new DeliveryDeferred(decision.reason(), decision.waitFor());
        }
    }

    /**
     * Whether a recording that arrived at {@code receivedAt} goes now, given the states of its
     * session's CDR rows.
     */
    static Decision decide(Collection<String> cdrStates, OffsetDateTime receivedAt, OffsetDateTime now,
                           Duration awaitCdr, Duration recheck) {
        if (cdrStates.contains("DONE")) {
            return Decision.go("the call's CDR is delivered");
        }
        if (!cdrStates.isEmpty() && cdrStates.stream().allMatch("DEAD"::equals)) {
            return Decision.go("the call's CDR is dead: nothing to wait for");
        }
        OffsetDateTime deadline = receivedAt.plus(awaitCdr);
        if (!now.isBefore(deadline)) {
            return Decision.go("waited " + awaitCdr + " for the call's CDR");
        }
        Duration left = Duration.between(now, deadline);
        Duration wait = left.compareTo(recheck) < 0 ? left : recheck;
        return new Decision(wait, "waiting for the call's CDR (" + (cdrStates.isEmpty() ? "not received yet"
                : "not delivered yet") + ") until " + deadline);
    }

    /**
     * @param waitFor null: go on now; else look again after this
     * @param reason  why, for the log and the inbox row
     */
    record Decision(Duration waitFor, String reason) {

        static Decision go(String reason) {
            return new Decision(null, reason);
        }
    }
}
