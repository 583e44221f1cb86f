package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeskCommandTest {

    @Test
    void commandsAreMatchedIgnoringCaseAndBothRoutingNamesAreOneCommand() {
        assertThat(DeskCommand.of("ChatBot.OnAssignHuman")).contains(DeskCommand.ASSIGN_HUMAN);
        assertThat(DeskCommand.of("chatbot.onassignhuman")).contains(DeskCommand.ASSIGN_HUMAN);
        assertThat(DeskCommand.of("ChatBot.OnAssignAgent")).contains(DeskCommand.ASSIGN_HUMAN);
        assertThat(DeskCommand.of("Chatbot.InterfaceInvocation")).contains(DeskCommand.INTERFACE_INVOCATION);
        assertThat(DeskCommand.of("ChatBot.InterfaceInvocation")).contains(DeskCommand.INTERFACE_INVOCATION);
    }

    @Test
    void otherCommandsAreUnknown() {
        assertThat(DeskCommand.of("State.StateChange")).isEmpty();
        assertThat(DeskCommand.of("")).isEmpty();
        assertThat(DeskCommand.of(null)).isEmpty();
    }
}
