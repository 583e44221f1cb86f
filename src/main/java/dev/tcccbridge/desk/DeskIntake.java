package dev.tcccbridge.desk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Turns an HTTP callback into a {@link DeskCallback}: first verifies who sent it (query
 * parameters only, nothing else is read from a refused request) and that it is not a copy of one
 * accepted before, then the command, then the body.
 */
@Component
public class DeskIntake {

    private static final Logger LOG = LoggerFactory.getLogger(DeskIntake.class);

    private final DeskSignature signature;
    private final DeskReplays replays;
    private final boolean signed;
    private final ObjectReader assignHuman;
    private final ObjectReader interfaceInvocation;

    public DeskIntake(DeskProperties properties, DeskReplays replays, ObjectMapper objectMapper, Clock clock) {
        this.signature = new DeskSignature(properties.sdkAppId(), properties.token(), properties.maxClockSkew(), clock);
        this.replays = replays;
        this.signed = properties.token() != null;
        this.assignHuman = reader(objectMapper, AssignHumanRequest.class);
        this.interfaceInvocation = reader(objectMapper, InterfaceInvocationRequest.class);
        if (properties.sdkAppId() == null) {
            LOG.warn("bridge.desk.sdk-app-id is not set: every Desk callback at {} is refused (403) until it is",
                    properties.path());
        } else if (properties.token() == null) {
            LOG.warn("bridge.desk.allow-unsigned is true: Desk callbacks at {} are checked by SdkAppid only, "
                    + "anyone who knows it can read CRM data through them; set bridge.desk.token to the callback "
                    + "token of the Desk console", properties.path());
        }
    }

    public DeskCallback read(@Header(Exchange.HTTP_METHOD) String method,
                             @Header(Exchange.HTTP_QUERY) String rawQuery,
                             @Body byte[] body) {
        if (method != null && !"POST".equalsIgnoreCase(method)) {
            throw new DeskRefused(DeskError.METHOD_NOT_ALLOWED, "callbacks are sent with POST, not " + method);
        }
        DeskQuery query = DeskQuery.parse(rawQuery);
        signature.verify(query.get("SdkAppid"), query.get("RequestTime"), query.get("Sign"));
        String commandName = query.get("CallbackCommand");
        if (signed) {
            replays.acceptOnce(Long.parseLong(query.get("RequestTime")), query.get("Sign"), commandName, body);
        }
        DeskCommand command = DeskCommand.of(commandName).orElseThrow(() -> new DeskRefused(DeskError.UNKNOWN_COMMAND,
                "unknown CallbackCommand '" + Objects.toString(commandName, "") + "': expected one of "
                        + DeskCommand.known()));
        return switch (command) {
            case ASSIGN_HUMAN -> {
                AssignHumanRequest request = read(assignHuman, body);
                yield new DeskCallback(command, request.clientUserId(), request.sessionId());
            }
            case INTERFACE_INVOCATION -> {
                InterfaceInvocationRequest request = read(interfaceInvocation, body);
                yield new DeskCallback(command, request.clientUserId(), request.sessionId(), request.variables());
            }
        };
    }

    private static <T> T read(ObjectReader reader, byte[] body) {
        if (body == null || body.length == 0) {
            throw new DeskRefused(DeskError.MALFORMED_JSON, "the body is empty: a JSON object was expected");
        }
        try {
            T request = reader.readValue(body);
            if (request == null) {
                throw new DeskRefused(DeskError.MALFORMED_JSON, "the body is JSON null: a JSON object was expected");
            }
            return request;
        } catch (MismatchedInputException e) {
            throw new DeskRefused(DeskError.MALFORMED_JSON, "the body must be a JSON object with the fields of "
                    + "the command: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new DeskRefused(DeskError.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DeskRefused(DeskError.MALFORMED_JSON, "unreadable body: " + e.getMessage());
        }
    }

    private static ObjectReader reader(ObjectMapper objectMapper, Class<?> type) {
        return objectMapper.readerFor(type)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
