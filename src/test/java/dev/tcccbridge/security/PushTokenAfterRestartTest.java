package dev.tcccbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tcccbridge.TcccBridgeApplication;
import dev.tcccbridge.security.PushClient.Answer;
import dev.tcccbridge.testing.TestDatabases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The built-in token endpoint without a configured signing-key: its key is generated once and
 * kept in the database, so the token TCCC fetched (and caches) still opens the push endpoint after
 * the bridge restarts, as it does on another instance; an admin rotates the key without refusing
 * the tokens already out.
 */
class PushTokenAfterRestartTest {

    private final String database = TestDatabases.h2Url();

    @Test
    void aTokenIssuedBeforeARestartStillOpensThePushEndpointAndSurvivesARotation() {
        String token;
        try (ConfigurableApplicationContext before = start()) {
            PushClient client = client(before);
            token = client.token("tccc", "client-secret-1").json().path("access_token").asText();
            assertThat(client.push(PushClient.newPushId(), PushClient.bearer(token)).errCode()).isZero();
        }

        try (ConfigurableApplicationContext after = start()) {
            PushClient client = client(after);
            Answer afterRestart = client.push(PushClient.newPushId(), PushClient.bearer(token));
            assertThat(afterRestart.status()).as("%s", afterRestart).isEqualTo(200);

            Answer rotated = client.postForm("/admin/token-signing-keys/rotate", PushClient.basic("operator", "op-secret"),
                    Map.of());
            assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
            String newKey = rotated.json().path("keyId").asText();
            String newToken = client.token("tccc", "client-secret-1").json().path("access_token").asText();

            assertThat(client.push(PushClient.newPushId(), PushClient.bearer(token)).errCode())
                    .as("a token signed before the rotation").isZero();
            assertThat(client.push(PushClient.newPushId(), PushClient.bearer(newToken)).errCode()).isZero();
            assertThat(kids(client.get("/oauth2/jwks", null).json())).hasSize(2).contains(newKey);
            Answer listed = client.get("/admin/token-signing-keys", PushClient.basic("operator", "op-secret"));
            assertThat(listed.json().path("keys").get(0).path("keyId").asText()).isEqualTo(newKey);
            assertThat(listed.json().path("keys").get(1).path("validUntil").isTextual()).isTrue();
            assertThat(client.get("/admin/token-signing-keys", null).status()).isEqualTo(401);
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplication(TcccBridgeApplication.class).run("--server.port=0",
                "--spring.datasource.url=" + database,
                "--bridge.tccc.push.auth.mode=oauth2",
                "--bridge.tccc.push.auth.oauth2.clients[0].client-id=tccc",
                "--bridge.tccc.push.auth.oauth2.clients[0].client-secret=client-secret-1",
                "--bridge.admin.username=operator", "--bridge.admin.password=op-secret",
                "--bridge.delivery.enabled=false");
    }

    private static PushClient client(ConfigurableApplicationContext context) {
        int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        return new PushClient(port, context.getBean(JdbcTemplate.class));
    }

    private static List<String> kids(JsonNode jwks) {
        List<String> kids = new ArrayList<>();
        jwks.path("keys").forEach(key -> kids.add(key.path("kid").asText()));
        return kids;
    }
}
