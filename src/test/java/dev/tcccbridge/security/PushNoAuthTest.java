package dev.tcccbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.security.PushClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The defaults: mode none, no admin credentials. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PushNoAuthTest extends PushEndpointTest {

    @Test
    void pushWithoutCredentialsIsStored() {
        Answer answer = client.push(PushClient.newPushId(), null);

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.errCode()).isZero();
        assertThat(client.rows("tccc_inbox")).isEqualTo(1);
    }

    @Test
    void credentialsSentAnywayAreIgnored() {
        Answer answer = client.push(PushClient.newPushId(), PushClient.basic("tccc", "whatever"));

        assertThat(answer.errCode()).as("%s", answer).isZero();
    }

    @Test
    void adminEndpointsAreRefusedWhileNoAdminCredentialsAreSet() {
        Answer anonymous = client.get("/admin/no-such-page", null);
        Answer guessing = client.get("/admin/no-such-page", PushClient.basic("admin", "admin"));

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(guessing.status()).isEqualTo(401);
    }

    @Test
    void noTokenEndpoint() {
        assertThat(client.token("tccc", "secret").status()).isEqualTo(404);
    }

    @Test
    void healthIsOpen() {
        assertThat(client.get("/actuator/health", null).status()).isEqualTo(200);
    }
}
