package dev.tcccbridge.tccc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The de-duplication key of a push: its X-TCCC-PUSH-UUID, or a hash of what was pushed; and the
 * key of a push reconciliation makes for a call, recording or voicemail that never came.
 */
public final class PushIds {

    /** Longest key the idempotent repository holds. */
    public static final int MAX_LENGTH = 100;

    /** What the keys of reconciled pushes start with. */
    public static final String RECONCILED = "reconcile:";

    /** Room left for a suffix such as {@code #2} after a reconciled key. */
    private static final int SUFFIX_ROOM = 8;

    private PushIds() {
    }

    /** The sender's id when it is usable, else {@code sha256:} of action and body. */
    public static String of(String action, String pushUuid, byte[] body) {
        return usable(pushUuid) ? pushUuid.trim() : hash(action, body);
    }

    public static boolean usable(String pushUuid) {
        return pushUuid != null && !pushUuid.isBlank() && pushUuid.trim().length() <= MAX_LENGTH;
    }

    /**
     * The key reconciliation gives the push it makes for this payload, stable across runs:
     * {@code reconcile:cdr:<SessionId>}, {@code reconcile:record:<RecordId>},
     * {@code reconcile:voicemail:<SessionId>} ({@code sha256:} of the id where it would not fit).
     * A real push that arrives later is recognised by it as a duplicate.
     */
    public static String reconciled(TcccPush payload) {
        String id = payload instanceof Recording recording ? recording.recordId() : payload.sessionId();
        String prefix = RECONCILED + payload.action().value() + ":";
        if (id.length() > MAX_LENGTH - SUFFIX_ROOM - prefix.length()) {
            return prefix + hash(payload.action().value(), id.getBytes(StandardCharsets.UTF_8));
        }
        return prefix + id;
    }

    public static String hash(String action, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(String.valueOf(action).getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            return "sha256:" + HexFormat.of().formatHex(sha256.digest(body == null ? new byte[0] : body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
