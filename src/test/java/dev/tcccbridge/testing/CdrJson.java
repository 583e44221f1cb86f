package dev.tcccbridge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CDR pushes for tests: the vendor's sample (examples/cdr.json) with the fields a test needs. */
public final class CdrJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode cdr;

    private CdrJson(ObjectNode cdr) {
        this.cdr = cdr;
    }

    public static CdrJson sample() {
        try {
            return new CdrJson((ObjectNode) JSON.readTree(Files.readString(Path.of("examples/cdr.json"))));
        } catch (IOException e) {
            throw new IllegalStateException("examples/cdr.json is part of the project", e);
        }
    }

    public CdrJson session(String sessionId) {
        cdr.put("SessionId", sessionId);
        return this;
    }

    /** An inbound call from {@code customer} to our number. */
    public CdrJson inboundFrom(String customer) {
        cdr.put("Direction", 0);
        cdr.put("Caller", customer);
        cdr.put("Callee", "0086400xxx6666");
        return this;
    }

    /** An outbound call from our number to {@code customer}. */
    public CdrJson outboundTo(String customer) {
        cdr.put("Direction", 1);
        cdr.put("Caller", "0086400xxx6666");
        cdr.put("Callee", customer);
        return this;
    }

    public CdrJson agent(String mail) {
        ((ObjectNode) cdr.get("SeatUser")).put("Mail", mail);
        return this;
    }

    public CdrJson set(String field, Object value) {
        cdr.set(field, JSON.valueToTree(value));
        return this;
    }

    public String json() {
        return cdr.toString();
    }
}
