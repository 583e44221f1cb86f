package dev.tcccbridge.desk;

import java.util.Map;

/**
 * A verified Desk callback.
 *
 * @param command      what Desk asks
 * @param clientUserId the Desk user the chat is with; null when the request names none
 * @param sessionId    the Desk session, for the log
 * @param variables    the bot's variables ({@code Chatbot.InterfaceInvocation}'s Body) as text;
 *                     empty for {@code OnAssignHuman}
 */
public record DeskCallback(DeskCommand command, String clientUserId, String sessionId, Map<String, String> variables) {

    public DeskCallback {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public DeskCallback(DeskCommand command, String clientUserId, String sessionId) {
        this(command, clientUserId, sessionId, Map.of());
    }
}
