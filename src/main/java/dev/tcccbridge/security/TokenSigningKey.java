package dev.tcccbridge.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.springframework.boot.ssl.pem.PemContent;

/**
 * An RSA key the built-in token endpoint signs its tokens with and the push endpoint checks
 * them with: the one of {@code bridge.tccc.push.auth.oauth2.signing-key}, or one generated once
 * and kept in the database ({@link TokenSigningKeys}). Its key id is the key's thumbprint: the
 * same key gives the same id on every instance.
 */
final class TokenSigningKey {

    private static final String KEY = "bridge.tccc.push.auth.oauth2.signing-key";

    private final RSAKey jwk;

    private TokenSigningKey(RSAPublicKey publicKey, PrivateKey privateKey) {
        try {
            this.jwk = new RSAKey.Builder(publicKey).privateKey(privateKey)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint()
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the thumbprint of the token signing key", e);
        }
    }

    static TokenSigningKey generated() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new TokenSigningKey((RSAPublicKey) pair.getPublic(), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** An RSA private key in PEM, PKCS#8 ({@code BEGIN PRIVATE KEY}) or PKCS#1 ({@code BEGIN RSA PRIVATE KEY}). */
    static TokenSigningKey fromPem(String pem) {
        PrivateKey privateKey;
        try {
            privateKey = PemContent.of(pem.strip()).getPrivateKey();
        } catch (RuntimeException e) {
            // the parser's message, never the key
            throw new IllegalStateException(KEY + " is not a readable PEM private key: " + e.getMessage());
        }
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException(KEY + " must be an RSA private key in PEM (BEGIN PRIVATE KEY or "
                    + "BEGIN RSA PRIVATE KEY), found " + (privateKey == null ? "none" : privateKey.getAlgorithm()));
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return new TokenSigningKey(publicKey, rsa);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(KEY + ": cannot derive the public key", e);
        }
    }

    /** The key pair as a JWK: private part for signing, public part published at {@code /oauth2/jwks}. */
    RSAKey jwk() {
        return jwk;
    }

    String keyId() {
        return jwk.getKeyID();
    }

    /** The private key as PKCS#8 PEM, as {@link #fromPem} reads it. */
    String toPem() {
        try {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(jwk.toPrivateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        } catch (JOSEException e) {
            throw new IllegalStateException("the key has a private part", e);
        }
    }
}
