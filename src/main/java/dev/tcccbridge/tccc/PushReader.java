package dev.tcccbridge.tccc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one tolerant reader of TCCC payloads, used by the push ingress and by delivery (which
 * reads the JSON the inbox kept): unknown fields and nulls are accepted, numbers as text and
 * text as numbers too; what cannot be read is refused with a {@link PushRejected} that names
 * the field.
 */
@Component
public class PushReader {

    private final Map<PushAction, ObjectReader> readers = new EnumMap<>(PushAction.class);

    public PushReader(ObjectMapper objectMapper) {
        for (PushAction action : PushAction.values()) {
            readers.put(action, objectMapper.readerFor(action.payloadType())
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .without(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
        }
    }

    /**
     * Reads a payload of the given action.
     *
     * @throws PushRejected naming the field or position when the JSON cannot be read
     */
    public TcccPush read(PushAction action, String json) {
        try {
            TcccPush payload = readers.get(action).readValue(json);
            if (payload == null) {
                throw new PushRejected(PushError.MALFORMED_JSON, "the body is JSON null: a JSON object was expected");
            }
            return payload;
        } catch (MismatchedInputException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
                throw new PushRejected(PushError.MALFORMED_JSON,
                        "malformed JSON: more content after the JSON object" + location(e));
            }
            throw new PushRejected(PushError.INVALID_FIELD, describe(e));
        } catch (JsonProcessingException e) {
            throw new PushRejected(PushError.MALFORMED_JSON, "malformed JSON: " + e.getOriginalMessage()
                    + location(e));
        } catch (IOException e) {
            throw new PushRejected(PushError.MALFORMED_JSON, "unreadable body: " + e.getMessage());
        }
    }

    private static String describe(MismatchedInputException e) {
        String field = fieldPath(e);
        String expected = e.getTargetType() == null ? "another type" : typeName(e.getTargetType());
        if (field.isEmpty()) {
            return "the body must be a JSON object" + location(e);
        }
        return "field " + field + " has the wrong type: expected " + expected + location(e);
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeName(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }
}
