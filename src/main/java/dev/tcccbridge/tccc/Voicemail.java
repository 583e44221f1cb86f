package dev.tcccbridge.tccc;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A voicemail left in the IVR, pushed with {@code action=voicemail}. The vendor's own sample
 * sends EndpointUser (the caller's number) as a JSON number: it is read as text.
 */
@JsonFormat(with = JsonFormat.Feature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
public record Voicemail(
        @JsonProperty("SdkAppId") Long sdkAppId,
        @JsonProperty("SessionId") String sessionId,
        @JsonProperty("Timestamp") Long timestamp,
        @JsonProperty("RecordURL") String recordUrl,
        @JsonProperty("EndpointUser") String endpointUser) implements TcccPush {

    @Override
    public PushAction action() {
        return PushAction.VOICEMAIL;
    }
}
