package dev.tcccbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.tccc.push.auth.mode=basic",
        "bridge.tccc.push.auth.basic.username=tccc",
        "bridge.tccc.push.auth.basic.password=pässword-1",
        "bridge.admin.username=operator",
        "bridge.admin.password=admin-secret"})
class PushBasicAuthTest extends PushEndpointTest {

    private static final String CHALLENGE = "Basic realm=\"tccc-bridge\"";

    @Test
    void pushWithTheConfiguredCredentialsIsStored() {
        Answer answer = client.push(PushClient.newPushId(), PushClient.basic("tccc", "pässword-1"));

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.errCode()).isZero();
        assertThat(client.rows("tccc_inbox")).isEqualTo(1);
    }

    @Test
    void authenticatedRetryOfOnePushIsStoredOnce() {
        client.assertRetryStoredOnce(PushClient.basic("tccc", "pässword-1"));
    }

    static Stream<Arguments> refusedAuthorizations() {
        return Stream.of(
                Arguments.of("no credentials", null),
                Arguments.of("wrong password", PushClient.basic("tccc", "pässword-2")),
                Arguments.of("wrong username", PushClient.basic("tcc", "pässword-1")),
                Arguments.of("password of the admin", PushClient.basic("operator", "admin-secret")),
                Arguments.of("empty password", PushClient.basic("tccc", "")),
                Arguments.of("malformed header: not Base64", "Basic ***not-base64***"),
                Arguments.of("malformed header: no colon", "Basic dGNjYw=="),
                Arguments.of("malformed header: no value", "Basic"),
                Arguments.of("another scheme", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAuthorizations")
    void pushIsRefusedAndNothingStored(String why, String authorization) {
        client.assertUnauthenticated(client.push(PushClient.newPushId(), authorization), CHALLENGE);
    }

    @Test
    void credentialsAreCheckedBeforeTheBodyIsRead() {
        String oversized = "{\"SessionId\":\"" + "x".repeat(1024 * 1024) + "\"}";

        client.assertUnauthenticated(client.push(PushClient.newPushId(), null, oversized), CHALLENGE);
    }

    @Test
    void adminEndpointsTakeTheAdminCredentialsOnly() {
        Answer admin = client.get("/admin/no-such-page", PushClient.basic("operator", "admin-secret"));
        Answer push = client.get("/admin/no-such-page", PushClient.basic("tccc", "pässword-1"));
        Answer none = client.get("/admin/no-such-page", null);

        // authenticated, and then not found: no admin page has that name
        assertThat(admin.status()).as("%s", admin).isEqualTo(404);
        assertThat(push.status()).isEqualTo(401);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Basic realm=\"tccc-bridge admin\"");
    }

    @Test
    void healthAndDeskCallbackAreNotBehindThePushAuthentication() {
        Answer health = client.get("/actuator/health", null);
        Answer desk = client.postForm("/desk/callback?SdkAppid=1&CallbackCommand=ChatBot.OnAssignHuman", null,
                Map.of());

        assertThat(health.status()).isEqualTo(200);
        assertThat(desk.status()).as("%s", desk).isNotEqualTo(401);
    }
}
