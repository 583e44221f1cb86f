package dev.tcccbridge.tccc;

/**
 * A push that passed validation, ready for the inbox.
 *
 * @param pushId  the de-duplication key: X-TCCC-PUSH-UUID, or a hash of action and body
 * @param payload the parsed payload
 * @param json    the body exactly as received, which is what the inbox keeps
 * @param version the version of the data push the payload is written in (kept with the row)
 */
public record PushEnvelope(String pushId, TcccPush payload, String json, int version) {

    /** The version of the data push this bridge reads; a push without a version is this one. */
    public static final int VERSION = 1;

    /** A payload of the current version. */
    public PushEnvelope(String pushId, TcccPush payload, String json) {
        this(pushId, payload, json, VERSION);
    }

    public PushAction action() {
        return payload.action();
    }

    public String sessionId() {
        return payload.sessionId();
    }

    /** The recording id, for the recording pushes that have one. */
    public String recordId() {
        return payload instanceof Recording r ? r.recordId() : null;
    }
}
