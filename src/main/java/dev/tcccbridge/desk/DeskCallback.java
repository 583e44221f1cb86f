package dev.tcccbridge.desk;

/**
 * A verified Desk callback.
 *
 * @param command      what Desk asks
 * @param clientUserId the Desk user the chat is with; null when the request names none
 * @param sessionId    the Desk session, for the log
 */
public record DeskCallback(DeskCommand command, String clientUserId, String sessionId) {
}
