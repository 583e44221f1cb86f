package dev.tcccbridge.tccc;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One side of a call's recording, pushed with {@code action=record}: the customer side
 * (EndpointUser is a phone number) or an agent side (EndpointUser is the agent's e-mail).
 */
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record Recording(
        @JsonProperty("SdkAppId") Long sdkAppId,
        @JsonProperty("RecordId") String recordId,
        @JsonProperty("SessionId") String sessionId,
        @JsonProperty("Timestamp") Long timestamp,
        @JsonProperty("EndpointUser") String endpointUser,
        /** TCCC's link; kept for 3 months by default. */
        @JsonProperty("RecordURL") String recordUrl,
        /** Present only when the recording is transferred to the customer's own COS bucket. */
        @JsonProperty("CustomRecordURL") String customRecordUrl) implements TcccPush {

    @Override
    public PushAction action() {
        return PushAction.RECORD;
    }

    /** The link to use: the customer's own copy when there is one. */
    public String bestUrl() {
        return customRecordUrl != null && !customRecordUrl.isBlank() ? customRecordUrl : recordUrl;
    }

    /** Agent sides are named by e-mail, the customer side by phone number. */
    public boolean agentSide() {
        return endpointUser != null && endpointUser.contains("@");
    }
}
