package dev.tcccbridge.inbox;

import dev.tcccbridge.tccc.PushAction;
import java.time.OffsetDateTime;

/**
 * An inbox row a worker holds for one delivery attempt.
 *
 * @param id          the inbox row
 * @param pushId      the push's de-duplication key
 * @param action      what was pushed
 * @param sessionId   the call session
 * @param payload     the JSON as it was pushed
 * @param attempt     this attempt's number, from 1; it also fences the finish of the row
 * @param windowStart when the retry window of this row began (arrival, the last replay, or the
 *                    end of the last wait of a deferred row, whichever came last)
 * @param deferrals   how many earlier attempts were deferred ("not yet") rather than failed
 */
public record ClaimedPush(long id, String pushId, PushAction action, String sessionId, String payload,
                          int attempt, OffsetDateTime windowStart, int deferrals) {

    /** Earlier attempts that failed: the ones the backoff counts. */
    public int failedAttempts() {
        return Math.max(0, attempt - 1 - deferrals);
    }
}
