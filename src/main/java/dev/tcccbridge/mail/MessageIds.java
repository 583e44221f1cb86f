package dev.tcccbridge.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable Message-IDs: the same voicemail always gets the same id, so a mail sent again after a
 * crash (the inbox row is retried) is recognisable as the same mail by clients and archives.
 */
public final class MessageIds {

    static final String DOMAIN = "tccc-bridge";

    private MessageIds() {
    }

    /** {@code <voicemail.<first 32 hex of sha-256(sessionId)>@tccc-bridge>} */
    public static String voicemail(String sessionId) {
        return "<voicemail." + shortHash(sessionId) + "@" + DOMAIN + ">";
    }

    /** 32 lowercase hex characters of the SHA-256 of the text: safe in headers and file names. */
    public static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
