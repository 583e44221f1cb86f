package dev.tcccbridge.tccc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The de-duplication key of a push: its X-TCCC-PUSH-UUID, or a hash of what was pushed. */
public final class PushIds {

    /** Longest key the idempotent repository holds. */
    public static final int MAX_LENGTH = 100;

    private PushIds() {
    }

    /** The sender's id when it is usable, else {@code sha256:} of action and body. */
    public static String of(String action, String pushUuid, byte[] body) {
        return usable(pushUuid) ? pushUuid.trim() : hash(action, body);
    }

    public static boolean usable(String pushUuid) {
        return pushUuid != null && !pushUuid.isBlank() && pushUuid.trim().length() <= MAX_LENGTH;
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
