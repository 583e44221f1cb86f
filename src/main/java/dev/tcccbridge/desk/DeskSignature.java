package dev.tcccbridge.desk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Verifies who sent a Desk callback: the {@code SdkAppid} is this bridge's, and, when a callback
 * token is configured, {@code Sign = hex(sha256(token + RequestTime))} with a {@code RequestTime}
 * (Unix seconds) close to now. Secrets are compared in constant time.
 */
public final class DeskSignature {

    private final String sdkAppId;
    private final String token;
    private final Duration maxClockSkew;
    private final Clock clock;

    /**
     * @param sdkAppId     the expected SdkAppid; null refuses every callback
     * @param token        the callback token; null: no signature check
     */
    public DeskSignature(Long sdkAppId, String token, Duration maxClockSkew, Clock clock) {
        this.sdkAppId = sdkAppId == null ? null : sdkAppId.toString();
        this.token = token;
        this.maxClockSkew = maxClockSkew;
        this.clock = clock;
    }

    /** @throws DeskRefused when the callback is not from the configured Desk application */
    public void verify(String sdkAppid, String requestTime, String sign) {
        if (sdkAppId == null) {
            throw new DeskRefused(DeskError.NOT_CONFIGURED,
                    "this bridge answers no Desk callbacks until bridge.desk.sdk-app-id is set");
        }
        if (sdkAppid == null || !MessageDigest.isEqual(ascii(sdkAppId), ascii(sdkAppid))) {
            throw new DeskRefused(DeskError.WRONG_SDK_APP_ID, "SdkAppid is missing or not the one this bridge serves");
        }
        if (token == null) {
            return;
        }
        if (sign == null || requestTime == null) {
            throw new DeskRefused(DeskError.BAD_SIGNATURE, "Sign and RequestTime are required");
        }
        if (!MessageDigest.isEqual(ascii(sign(token, requestTime)), ascii(sign.toLowerCase(Locale.ROOT)))) {
            throw new DeskRefused(DeskError.BAD_SIGNATURE, "Sign does not match");
        }
        long seconds;
        try {
            seconds = Long.parseLong(requestTime);
        } catch (NumberFormatException e) {
            throw new DeskRefused(DeskError.STALE_REQUEST, "RequestTime is not a number of seconds");
        }
        long skew = Math.abs(Instant.now(clock).getEpochSecond() - seconds);
        if (skew > maxClockSkew.toSeconds()) {
            throw new DeskRefused(DeskError.STALE_REQUEST,
                    "RequestTime is " + skew + " s away from now (at most " + maxClockSkew.toSeconds() + " s)");
        }
    }

    /** Lowercase hex SHA-256 of token followed by RequestTime, as Desk signs its callbacks. */
    public static String sign(String token, String requestTime) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest((token + requestTime).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
