package dev.tcccbridge.tccc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Turns an HTTP push into a {@link PushEnvelope}, or refuses it with a {@link PushRejected}
 * that names the problem. Parsing is tolerant where the vendor is loose (unknown fields, nulls,
 * numbers as text and text as numbers) and strict where the bridge could not work otherwise.
 */
@Component
public class PushIntake {

    /**
     * A call's Task is upserted by its SessionId in {@code TCCC_Session_Id__c} (Text 64), a
     * voicemail's call-back Task by {@code voicemail:<SessionId>}: a longer id could be accepted
     * but never delivered. TCCC's SessionIds are UUIDs (36 characters).
     */
    public static final int MAX_SESSION_ID_LENGTH = 64 - "voicemail:".length();

    private final PushReader reader;
    private final Long expectedSdkAppId;

    public PushIntake(PushReader reader, TcccProperties properties) {
        this.reader = reader;
        this.expectedSdkAppId = properties.sdkAppId();
    }

    /** The header that carries the de-duplication key through the route, as in delivery. */
    public static final String PUSH_ID_HEADER = "TcccPushId";

    /** As {@link #parse}, and puts the push id in {@value #PUSH_ID_HEADER}. */
    public PushEnvelope accept(@Header("CamelHttpMethod") String method,
                               @Header("action") String actionParam,
                               @Header("version") String versionParam,
                               @Header("X-TCCC-PUSH-UUID") String pushUuid,
                               @Body byte[] body,
                               Message message) {
        PushEnvelope push = parse(method, actionParam, versionParam, pushUuid, body);
        message.setHeader(PUSH_ID_HEADER, push.pushId());
        return push;
    }

    public PushEnvelope parse(String method, String actionParam, String versionParam, String pushUuid, byte[] body) {
        if (method != null && !"POST".equalsIgnoreCase(method)) {
            throw new PushRejected(PushError.METHOD_NOT_ALLOWED, "pushes are sent with POST, not " + method);
        }
        PushAction action = PushAction.of(actionParam).orElseThrow(() -> new PushRejected(PushError.UNKNOWN_ACTION,
                "unknown action '" + Objects.toString(actionParam, "") + "': expected one of "
                        + java.util.Arrays.stream(PushAction.values()).map(PushAction::value)
                        .collect(Collectors.joining(", "))));
        // before the body: a payload of another version must not be read as version 1
        int version = version(versionParam);
        String json = utf8(body);
        TcccPush payload = reader.read(action, json);
        checkSdkAppId(payload);
        checkRequiredFields(payload);
        return new PushEnvelope(pushId(action, pushUuid, body), payload, json, version);
    }

    /** The push's {@code version}: missing or {@value PushEnvelope#VERSION} is the version this bridge reads. */
    static int version(String versionParam) {
        if (versionParam == null || versionParam.isBlank()
                || versionParam.strip().equals(String.valueOf(PushEnvelope.VERSION))) {
            return PushEnvelope.VERSION;
        }
        String shown = versionParam.strip();
        throw new PushRejected(PushError.UNSUPPORTED_VERSION, "version '"
                + (shown.length() > 20 ? shown.substring(0, 20) + "..." : shown)
                + "' is not supported: this bridge reads version " + PushEnvelope.VERSION + " of the data push");
    }

    /** X-TCCC-PUSH-UUID when the sender gave one, else a hash of what was pushed. */
    static String pushId(PushAction action, String pushUuid, byte[] body) {
        if (pushUuid != null && !pushUuid.isBlank() && !PushIds.usable(pushUuid)) {
            throw new PushRejected(PushError.BAD_PUSH_ID,
                    "X-TCCC-PUSH-UUID is longer than " + PushIds.MAX_LENGTH + " characters");
        }
        if (pushUuid != null && !storable(pushUuid)) {
            throw new PushRejected(PushError.BAD_PUSH_ID,
                    "X-TCCC-PUSH-UUID contains a NUL or broken UTF-16");
        }
        return PushIds.of(action.value(), pushUuid, body);
    }

    private static String utf8(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PushRejected(PushError.MALFORMED_JSON, "the body is empty: a JSON object was expected");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new PushRejected(PushError.MALFORMED_JSON, "the body is not UTF-8 text");
        }
    }

    private void checkSdkAppId(TcccPush payload) {
        if (expectedSdkAppId != null && !expectedSdkAppId.equals(payload.sdkAppId())) {
            throw new PushRejected(PushError.WRONG_SDK_APP_ID, "SdkAppId " + payload.sdkAppId()
                    + " is not the SdkAppId this bridge serves");
        }
    }

    private static void checkRequiredFields(TcccPush payload) {
        require(payload.sessionId(), "SessionId");
        if (payload.sessionId().length() > MAX_SESSION_ID_LENGTH) {
            throw new PushRejected(PushError.INVALID_FIELD,
                    "SessionId is longer than " + MAX_SESSION_ID_LENGTH + " characters");
        }
        requireStorable(payload.sessionId(), "SessionId");
        if (payload instanceof Recording r) {
            require(r.recordId(), "RecordId");
            requireStorable(r.recordId(), "RecordId");
            require(r.bestUrl(), "RecordURL");
        } else if (payload instanceof Voicemail v) {
            require(v.recordUrl(), "RecordURL");
        }
    }

    /**
     * Ids are keys in the inbox and in Salesforce: a NUL (PostgreSQL cannot store it in text) and
     * lone surrogates (no UTF-8 for them) are refused. Other control characters are stored, and
     * escaped wherever they are logged.
     */
    private static void requireStorable(String value, String field) {
        if (!storable(value)) {
            throw new PushRejected(PushError.INVALID_FIELD, field + " contains a NUL or broken UTF-16");
        }
    }

    static boolean storable(String id) {
        // codePoints() gives a lone surrogate as itself, a pair as one supplementary code point
        return id.codePoints().noneMatch(c -> c == 0 || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new PushRejected(PushError.MISSING_FIELD, field + " is missing");
        }
    }
}
