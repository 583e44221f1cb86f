package dev.tcccbridge.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * The ages of one retention run as points in time: what finished (or came) before them goes.
 * Inbox rows also wait until the reconciliation lookback has passed their arrival: reconciliation
 * would otherwise take a call whose rows were deleted for one that was never pushed.
 *
 * @param deliveredFinishedBefore delivered rows delivered before this go ...
 * @param deliveredArrivedBefore  ... when they also arrived before this
 * @param deadFinishedBefore      dead rows that died before this go ...
 * @param deadArrivedBefore       ... when they also arrived before this
 * @param quarantinedBefore       quarantined pushes that came before this
 * @param pushIdsBefore           push ids stored before this
 * @param dryRunRequestsBefore    dry-run requests recorded before this
 * @param outboxFilesBefore       outbox files last written before this
 */
public record RetentionCutoffs(Instant deliveredFinishedBefore, Instant deliveredArrivedBefore,
                               Instant deadFinishedBefore, Instant deadArrivedBefore, Instant quarantinedBefore,
                               Instant pushIdsBefore, Instant dryRunRequestsBefore, Instant outboxFilesBefore) {

    public static RetentionCutoffs of(Instant now, RetentionProperties ages, Duration reconcileLookback) {
        return new RetentionCutoffs(now.minus(ages.delivered()), now.minus(longer(ages.delivered(), reconcileLookback)),
                now.minus(ages.failed()), now.minus(longer(ages.failed(), reconcileLookback)), now.minus(ages.failed()),
                now.minus(ages.pushIds()), now.minus(ages.dryRunRequests()), now.minus(ages.outboxFiles()));
    }

    /** Inbox rows that arrived before this may be gone after the run: the inbox's new horizon. */
    public Instant inboxHorizon() {
        return deliveredArrivedBefore.isAfter(deadArrivedBefore) ? deliveredArrivedBefore : deadArrivedBefore;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
