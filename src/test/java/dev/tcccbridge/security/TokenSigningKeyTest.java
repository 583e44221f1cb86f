package dev.tcccbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenSigningKeyTest {

    @Test
    void theSameConfiguredKeyHasTheSameKeyIdOnEveryInstance() {
        String pem = Tokens.pkcs8Pem();

        assertThat(TokenSigningKey.fromPem(pem).keyId()).isEqualTo(TokenSigningKey.fromPem(pem).keyId());
        assertThat(TokenSigningKey.fromPem(pem).keyId()).isNotEqualTo(TokenSigningKey.fromPem(Tokens.pkcs8Pem()).keyId());
    }

    @Test
    void pkcs1KeyAsOlderOpensslWritesItIsRead() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] pkcs8 = rsa.generateKeyPair().getPrivate().getEncoded();
        // a 2048-bit PKCS#8 key wraps its PKCS#1 form in an OCTET STRING at offset 22
        assertThat(pkcs8[22]).isEqualTo((byte) 0x04);
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n";

        assertThat(TokenSigningKey.fromPem(pem).jwk().isPrivate()).isTrue();
    }

    @Test
    void aGeneratedKeyIsStoredAndReadBackAsTheSameKey() {
        TokenSigningKey generated = TokenSigningKey.generated();

        TokenSigningKey read = TokenSigningKey.fromPem(generated.toPem());

        assertThat(read.keyId()).isEqualTo(generated.keyId());
        assertThat(read.jwk().isPrivate()).isTrue();
    }

    @Test
    void unreadableKeyFailsNamingTheSettingButNotItsValue() {
        assertThatThrownBy(() -> TokenSigningKey.fromPem("secret-looking-garbage"))
                .hasMessageContaining("bridge.tccc.push.auth.oauth2.signing-key")
                .hasMessageNotContaining("secret-looking-garbage");
    }

    @Test
    void nonRsaKeyIsRefused() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(ec.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> TokenSigningKey.fromPem(pem)).hasMessageContaining("must be an RSA private key");
    }
}
