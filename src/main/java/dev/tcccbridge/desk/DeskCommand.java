package dev.tcccbridge.desk;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Desk callbacks the bridge answers, by {@code CallbackCommand} (matched ignoring case). */
public enum DeskCommand {
    /** A customer asks for a human: which agents or group take the chat. */
    ASSIGN_HUMAN("assign_human", "ChatBot.OnAssignHuman", "ChatBot.OnAssignAgent"),
    /** An API node of a multi-turn task: variables for the session. */
    INTERFACE_INVOCATION("interface_invocation", "Chatbot.InterfaceInvocation");

    private final String metricName;
    private final List<String> names;

    DeskCommand(String metricName, String... names) {
        this.metricName = metricName;
        this.names = List.of(names);
    }

    public static Optional<DeskCommand> of(String callbackCommand) {
        if (callbackCommand == null) {
            return Optional.empty();
        }
        String wanted = callbackCommand.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(c -> c.names.stream().anyMatch(n -> n.toLowerCase(Locale.ROOT).equals(wanted)))
                .findFirst();
    }

    /** The name the vendor documents, e.g. {@code ChatBot.OnAssignHuman}. */
    public String vendorName() {
        return names.get(0);
    }

    /** The {@code command} tag of the callback metrics. */
    public String metricName() {
        return metricName;
    }

    static String known() {
        return String.join(", ", Arrays.stream(values()).flatMap(c -> c.names.stream()).toList());
    }
}
