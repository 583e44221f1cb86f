package dev.tcccbridge.tccc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With bridge.tccc.sdk-app-id set, another contact centre's pushes are refused and kept. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "bridge.tccc.sdk-app-id=1400264214")
class PushSdkAppIdTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPushOfAnotherSdkAppIdIs403AndQuarantinedWhileOursIsStored() throws Exception {
        String theirs = "{\"SdkAppId\":1400000001,\"SessionId\":\"s-other\"}";
        String ours = "{\"SdkAppId\":1400264214,\"SessionId\":\"s-ours\"}";

        HttpResponse<String> refused = push("other-1", theirs);
        HttpResponse<String> accepted = push("ours-1", ours);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(refused.body()).get("ErrCode").asInt()).isNotZero();
        assertThat(refused.body()).contains("1400000001");
        Map<String, Object> kept = jdbc.queryForMap("SELECT * FROM tccc_quarantine WHERE push_id = 'other-1'");
        assertThat(kept.get("http_status")).isEqualTo(403);
        assertThat(new String((byte[]) kept.get("body"), StandardCharsets.UTF_8)).isEqualTo(theirs);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForList("SELECT session_id FROM tccc_inbox", String.class)).containsExactly("s-ours");
    }

    private HttpResponse<String> push(String pushId, String json) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/tccc/push?action=cdr&version=1"))
                .header("Content-Type", "application/json; charset=utf8")
                .header("X-TCCC-PUSH-UUID", pushId)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
