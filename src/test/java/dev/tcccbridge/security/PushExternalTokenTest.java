package dev.tcccbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import dev.tcccbridge.security.PushClient.Answer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Mode oauth2 with the team's own authorization server: its signing keys served as a JWK set
 * from a local HTTP server, its issuer and the bridge's audience checked in every token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.tccc.push.auth.mode=oauth2",
        "bridge.tccc.push.auth.oauth2.issuer-uri=" + PushExternalTokenTest.ISSUER,
        "bridge.tccc.push.auth.oauth2.audience=tccc-bridge"})
class PushExternalTokenTest extends PushEndpointTest {

    static final String ISSUER = "https://login.example.test/realms/tccc";
    private static final String CHALLENGE = "Bearer realm=\"tccc-bridge\"";
    private static final RSAKey ISSUER_KEY = Tokens.rsaKey("issuer-key-1");
    private static final HttpServer AUTHORIZATION_SERVER = jwkSetServer(ISSUER_KEY);

    @DynamicPropertySource
    static void auth(DynamicPropertyRegistry r) {
        r.add("bridge.tccc.push.auth.oauth2.jwk-set-uri",
                () -> "http://127.0.0.1:" + AUTHORIZATION_SERVER.getAddress().getPort() + "/certs");
    }

    @AfterAll
    static void stopAuthorizationServer() {
        AUTHORIZATION_SERVER.stop(0);
    }

    @Test
    void tokenOfTheAuthorizationServerOpensThePushEndpoint() {
        String token = Tokens.sign(ISSUER_KEY, Tokens.claims(ISSUER, "tccc-bridge"));

        Answer push = client.push(PushClient.newPushId(), PushClient.bearer(token));

        assertThat(push.status()).as("%s", push).isEqualTo(200);
        assertThat(push.errCode()).isZero();
        assertThat(client.rows("tccc_inbox")).isEqualTo(1);
    }

    @Test
    void authenticatedRetryOfOnePushIsStoredOnce() {
        client.assertRetryStoredOnce(PushClient.bearer(Tokens.sign(ISSUER_KEY, Tokens.claims(ISSUER, "tccc-bridge"))));
    }

    @Test
    void noBuiltInTokenEndpointWithoutClients() {
        Answer token = client.token("tccc", "anything");

        assertThat(token.status()).as("%s", token).isEqualTo(404);
    }

    static Stream<Arguments> refusedAuthorizations() {
        RSAKey forgedKey = Tokens.rsaKey(ISSUER_KEY.getKeyID());
        RSAKey unknownKey = Tokens.rsaKey("unknown-key");
        return Stream.of(
                Arguments.of("no credentials", null),
                Arguments.of("expired token", PushClient.bearer(
                        Tokens.sign(ISSUER_KEY, Tokens.expiredClaims(ISSUER, "tccc-bridge")))),
                Arguments.of("token signed by another key with the issuer's key id", PushClient.bearer(
                        Tokens.sign(forgedKey, Tokens.claims(ISSUER, "tccc-bridge")))),
                Arguments.of("token signed by a key the issuer does not have", PushClient.bearer(
                        Tokens.sign(unknownKey, Tokens.claims(ISSUER, "tccc-bridge")))),
                Arguments.of("wrong issuer", PushClient.bearer(
                        Tokens.sign(ISSUER_KEY, Tokens.claims("https://login.example.test/realms/other", "tccc-bridge")))),
                Arguments.of("wrong audience", PushClient.bearer(
                        Tokens.sign(ISSUER_KEY, Tokens.claims(ISSUER, "another-service")))),
                Arguments.of("no audience", PushClient.bearer(
                        Tokens.sign(ISSUER_KEY, Tokens.claims(ISSUER, null)))),
                Arguments.of("malformed token", PushClient.bearer("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")),
                Arguments.of("malformed header", "Bearer a b c"),
                Arguments.of("another scheme", PushClient.basic("tccc", "secret")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAuthorizations")
    void pushIsRefusedAndNothingStored(String why, String authorization) {
        client.assertUnauthenticated(client.push(PushClient.newPushId(), authorization), CHALLENGE);
    }

    /** The public half of the issuer's key at {@code /certs}, as an authorization server publishes it. */
    private static HttpServer jwkSetServer(RSAKey key) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwkSet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/certs", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwkSet.length);
                exchange.getResponseBody().write(jwkSet);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
