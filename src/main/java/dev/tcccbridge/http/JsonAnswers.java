package dev.tcccbridge.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Turns a message into the JSON answer of an HTTP endpoint. The answer carries only the
 * headers set here: nothing the caller sent is echoed back.
 */
@Component
public class JsonAnswers {

    private final ObjectMapper objectMapper;

    public JsonAnswers(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** @return the answer serialised, to be the message body */
    public String write(Message message, int status, Object answer) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json;charset=UTF-8");
        try {
            return objectMapper.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer record always serialises", e);
        }
    }
}
