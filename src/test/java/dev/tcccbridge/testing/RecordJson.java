package dev.tcccbridge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Recording pushes ({@code action=record}) for tests, in the vendor's format. */
public final class RecordJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode record = JSON.createObjectNode();

    private RecordJson(String sessionId, String recordId, long timestamp, String endpointUser, String url) {
        record.put("SdkAppId", 1400264214L);
        record.put("RecordId", recordId);
        record.put("SessionId", sessionId);
        record.put("Timestamp", timestamp);
        record.put("EndpointUser", endpointUser);
        record.put("RecordURL", url);
    }

    /** One side of a call: {@code endpointUser} is the customer's number or an agent's e-mail. */
    public static RecordJson of(String sessionId, String recordId, long timestamp, String endpointUser, String url) {
        return new RecordJson(sessionId, recordId, timestamp, endpointUser, url);
    }

    public RecordJson sdkAppId(long sdkAppId) {
        record.put("SdkAppId", sdkAppId);
        return this;
    }

    /** The copy in the customer's own COS bucket. */
    public RecordJson customUrl(String url) {
        record.put("CustomRecordURL", url);
        return this;
    }

    public String json() {
        return record.toString();
    }
}
