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
 * @param windowStart when the retry window of this row began (arrival, or the last replay)
 */
public record ClaimedPush(long id, String pushId, PushAction action, String sessionId, String payload,
                          int attempt, OffsetDateTime windowStart) {
}
