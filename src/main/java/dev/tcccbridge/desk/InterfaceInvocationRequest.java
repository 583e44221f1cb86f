package dev.tcccbridge.desk;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of {@code Chatbot.InterfaceInvocation}: an API node of a multi-turn task passes its
 * variables in {@code Body}, among them {@code SystemClientUserID} and {@code SystemSessionID}.
 */
public record InterfaceInvocationRequest(
        @JsonProperty("Body") JsonNode body,
        @JsonProperty("EventTime") Long eventTime) {

    public String clientUserId() {
        return text("SystemClientUserID");
    }

    public String sessionId() {
        return text("SystemSessionID");
    }

    /** Every variable of the Body that is a value (text, number), as text. */
    public java.util.Map<String, String> variables() {
        java.util.Map<String, String> variables = new java.util.LinkedHashMap<>();
        if (body != null && body.isObject()) {
            body.fields().forEachRemaining(field -> {
                String value = text(field.getKey());
                if (value != null) {
                    variables.put(field.getKey(), value);
                }
            });
        }
        return variables;
    }

    private String text(String field) {
        if (body == null || !body.isObject()) {
            return null;
        }
        JsonNode value = body.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
