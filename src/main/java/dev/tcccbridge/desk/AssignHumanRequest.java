package dev.tcccbridge.desk;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code ChatBot.OnAssignHuman}: a customer asks for a human agent. */
public record AssignHumanRequest(
        @JsonProperty("SessionId") String sessionId,
        @JsonProperty("ClientUserId") String clientUserId,
        @JsonProperty("EventTime") Long eventTime) {
}
