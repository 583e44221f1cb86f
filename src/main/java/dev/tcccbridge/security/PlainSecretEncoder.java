package dev.tcccbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Matches a presented secret against one from configuration, in constant time. The configured
 * secrets are held in clear anyway (they come from the environment), so hashing them at start
 * would add cost, not safety; what matters is that the comparison does not reveal, by its
 * duration, how much of a guess was right. Both sides are hashed first so that their lengths
 * do not show either.
 */
final class PlainSecretEncoder implements PasswordEncoder {

    static final PlainSecretEncoder INSTANCE = new PlainSecretEncoder();

    private PlainSecretEncoder() {
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return rawPassword.toString();
    }

    @Override
    public boolean matches(CharSequence presented, String configured) {
        if (presented == null || configured == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(presented), sha256(configured));
    }

    private static byte[] sha256(CharSequence value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.toString().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
