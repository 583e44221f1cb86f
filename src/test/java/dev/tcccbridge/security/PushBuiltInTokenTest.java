package dev.tcccbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import dev.tcccbridge.security.PushClient.Answer;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Mode oauth2 with the bridge's own token endpoint, used the way TCCC uses it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.tccc.push.auth.mode=oauth2",
        "bridge.tccc.push.auth.oauth2.clients[0].client-id=tccc",
        "bridge.tccc.push.auth.oauth2.clients[0].client-secret=client-secret-1",
        "bridge.tccc.push.auth.oauth2.clients[1].client-id=tccc-test-centre",
        "bridge.tccc.push.auth.oauth2.clients[1].client-secret=client-secret-2",
        "bridge.tccc.push.auth.oauth2.token-lifetime=10m"})
class PushBuiltInTokenTest extends PushEndpointTest {

    private static final String CHALLENGE = "Bearer realm=\"tccc-bridge\"";
    /** The key shared by every instance of the bridge, from configuration. */
    private static final String SIGNING_KEY_PEM = Tokens.pkcs8Pem();
    private static final RSAKey SIGNING_KEY = TokenSigningKey.fromPem(SIGNING_KEY_PEM).jwk();

    @DynamicPropertySource
    static void auth(DynamicPropertyRegistry r) {
        r.add("bridge.tccc.push.auth.oauth2.signing-key", () -> SIGNING_KEY_PEM);
    }

    @Test
    void tokenFromClientIdAndSecretOpensThePushEndpoint() {
        Answer token = client.token("tccc", "client-secret-1");

        assertThat(token.status()).as("%s", token).isEqualTo(200);
        assertThat(token.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(token.json().path("expires_in").asLong()).isBetween(590L, 600L);

        Answer push = client.push(PushClient.newPushId(), PushClient.bearer(token.json().path("access_token").asText()));

        assertThat(push.status()).as("%s", push).isEqualTo(200);
        assertThat(push.errCode()).isZero();
        assertThat(client.rows("tccc_inbox")).isEqualTo(1);
    }

    @Test
    void clientCredentialsAreAlsoTakenFromTheForm() {
        Answer token = client.postForm("/oauth2/token", null, Map.of("grant_type", "client_credentials",
                "client_id", "tccc-test-centre", "client_secret", "client-secret-2"));

        assertThat(token.status()).as("%s", token).isEqualTo(200);
        Answer push = client.push(PushClient.newPushId(), PushClient.bearer(token.json().path("access_token").asText()));
        assertThat(push.errCode()).as("%s", push).isZero();
    }

    @Test
    void authenticatedRetryOfOnePushIsStoredOnce() {
        client.assertRetryStoredOnce(PushClient.bearer(client.token("tccc", "client-secret-1").json().path("access_token").asText()));
    }

    @Test
    void tokenSignedWithTheSharedKeyElsewhereIsAccepted() {
        // what another instance with the same signing-key issues
        String token = Tokens.sign(SIGNING_KEY, Tokens.claims("http://other-instance:8080", "tccc"));

        Answer push = client.push(PushClient.newPushId(), PushClient.bearer(token));

        assertThat(push.errCode()).as("%s", push).isZero();
    }

    @Test
    void theSigningKeyIsPublished() {
        Answer jwks = client.get("/oauth2/jwks", null);

        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.json().path("keys").get(0).path("kid").asText()).isEqualTo(SIGNING_KEY.getKeyID());
        assertThat(jwks.json().path("keys").get(0).has("d")).as("no private part").isFalse();
    }

    @Test
    void wrongClientSecretGetsNoToken() {
        Answer wrongSecret = client.token("tccc", "client-secret-2");
        Answer unknownClient = client.token("someone", "client-secret-1");

        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().path("error").asText()).isEqualTo("invalid_client");
        assertThat(wrongSecret.json().has("access_token")).isFalse();
        assertThat(unknownClient.status()).isEqualTo(401);
        assertThat(unknownClient.json().has("access_token")).isFalse();
    }

    static Stream<Arguments> refusedAuthorizations() {
        RSAKey otherKey = Tokens.rsaKey(SIGNING_KEY.getKeyID());
        return Stream.of(
                Arguments.of("no credentials", null),
                Arguments.of("client id and secret instead of a token", PushClient.basic("tccc", "client-secret-1")),
                Arguments.of("expired token", PushClient.bearer(
                        Tokens.sign(SIGNING_KEY, Tokens.expiredClaims("http://localhost", "tccc")))),
                Arguments.of("token signed by another key with the same key id", PushClient.bearer(
                        Tokens.sign(otherKey, Tokens.claims("http://localhost", "tccc")))),
                Arguments.of("token of a client not configured", PushClient.bearer(
                        Tokens.sign(SIGNING_KEY, Tokens.claims("http://localhost", "removed-client")))),
                Arguments.of("token with no audience", PushClient.bearer(
                        Tokens.sign(SIGNING_KEY, Tokens.claims("http://localhost", null)))),
                Arguments.of("malformed token", PushClient.bearer("not-a-jwt")),
                Arguments.of("malformed header", "Bearer ***"),
                Arguments.of("empty bearer", "Bearer "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAuthorizations")
    void pushIsRefusedAndNothingStored(String why, String authorization) {
        client.assertUnauthenticated(client.push(PushClient.newPushId(), authorization), CHALLENGE);
    }
}
