package dev.tcccbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.SwitchableDataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

/**
 * What the operations console reads and does, through the admin API as an operator's browser or curl
 * calls it: the overview, dead rows with their reasons and payloads, replays (one, or all of a reason,
 * audited), the quarantine; the pages with their CSP; the health groups; answers that never echo the
 * request's headers.
 */
@Import(SwitchableDataSource.Installer.class)
@ExtendWith(OutputCaptureExtension.class)
class OperationsConsoleApiTest extends SalesforceBridgeTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REASON = "Salesforce FIELD_CUSTOM_VALIDATION_EXCEPTION: Calls need a queue";

    @Autowired
    SwitchableDataSource database;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOverviewShowsTheInboxDeliveriesConnectionsAndSettings() throws Exception {
        String delivered = UUID.randomUUID().toString();
        String refused = UUID.randomUUID().toString();
        SALESFORCE.records().refuse(refused, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Calls need a queue");
        bridge.push("cdr", "ok-" + delivered, CdrJson.sample().session(delivered).json());
        bridge.push("cdr", "dead-" + refused, CdrJson.sample().session(refused).json());
        bridge.awaitStatus("ok-" + delivered, "DONE");
        bridge.awaitStatus("dead-" + refused, "DEAD");

        HttpResponse<String> answer = admin("GET", "/admin/overview", null);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/json"));
        JsonNode overview = JSON.readTree(answer.body());
        assertThat(overview.path("bridge").path("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(overview.path("bridge").path("pushAuth").asText()).isEqualTo("none");
        assertThat(overview.path("bridge").path("dryRun").asBoolean()).isFalse();
        assertThat(overview.path("crm").path("mode").asText()).isEqualTo("salesforce");
        assertThat(overview.path("crm").path("circuitBreaker").asText()).isEqualTo("CLOSED");
        assertThat(overview.path("crm").path("api").path("allowance").asLong())
                .as("the allowance Salesforce reported").isEqualTo(100_000);
        assertThat(overview.path("mail").path("mode").asText()).isEqualTo("file");
        assertThat(overview.path("reconcile").path("enabled").asBoolean()).isFalse();
        JsonNode dead = null;
        for (JsonNode row : overview.path("inbox")) {
            if ("DEAD".equals(row.path("status").asText()) && "cdr".equals(row.path("action").asText())) {
                dead = row;
            }
        }
        assertThat(dead).as(answer.body()).isNotNull();
        assertThat(dead.path("rows").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode minutes = overview.path("perMinute");
        assertThat(minutes).hasSize(60);
        long deliveredLastHour = 0;
        long deadLastHour = 0;
        for (JsonNode minute : minutes) {
            deliveredLastHour += minute.path("delivered").asLong();
            deadLastHour += minute.path("dead").asLong();
        }
        assertThat(deliveredLastHour).isGreaterThanOrEqualTo(1);
        assertThat(deadLastHour).isGreaterThanOrEqualTo(1);
    }

    @Test
    void deadRowsOfOneReasonAreListedWithTheirPayloadAndReplayedTogetherAndAudited(CapturedOutput log)
            throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String reason = "queue " + UUID.randomUUID();
        SALESFORCE.records().refuse(first, "FIELD_CUSTOM_VALIDATION_EXCEPTION", reason, 1);
        SALESFORCE.records().refuse(second, "FIELD_CUSTOM_VALIDATION_EXCEPTION", reason, 1);
        bridge.push("cdr", "r1-" + first, CdrJson.sample().session(first).json());
        bridge.push("cdr", "r2-" + second, CdrJson.sample().session(second).json());
        String lastError = (String) bridge.awaitStatus("r1-" + first, "DEAD").get("last_error");
        bridge.awaitStatus("r2-" + second, "DEAD");
        assertThat(bridge.inboxRow("r2-" + second).get("last_error")).isEqualTo(lastError);

        JsonNode reasons = JSON.readTree(admin("GET", "/admin/inbox/dead/reasons", null).body());
        JsonNode group = null;
        for (JsonNode candidate : reasons.path("reasons")) {
            if (lastError.equals(candidate.path("reason").asText())) {
                group = candidate;
            }
        }
        assertThat(group).as(reasons.toString()).isNotNull();
        assertThat(group.path("rows").asLong()).isEqualTo(2);

        long id = ((Number) bridge.inboxRow("r1-" + first).get("id")).longValue();
        JsonNode row = JSON.readTree(admin("GET", "/admin/inbox/" + id, null).body());
        assertThat(row.path("row").path("sessionId").asText()).isEqualTo(first);
        assertThat(JSON.readTree(row.path("payload").asText()).path("SessionId").asText()).isEqualTo(first);
        assertThat(admin("GET", "/admin/inbox/999999999", null).statusCode()).isEqualTo(404);

        HttpResponse<String> missing = admin("POST", "/admin/inbox/dead/replay", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("reason");

        HttpResponse<String> replay = admin("POST", "/admin/inbox/dead/replay",
                JSON.writeValueAsString(java.util.Map.of("reason", lastError)));

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(JSON.readTree(replay.body()).path("replayed").asInt()).isEqualTo(2);
        bridge.awaitStatus("r1-" + first, "DONE");
        bridge.awaitStatus("r2-" + second, "DONE");
        assertThat(SALESFORCE.records().get("Task", first)).isNotNull();
        assertThat(log.getAll()).contains("admin \"admin\" from 127.0.0.1: replayed 2 dead inbox rows of reason \"");
    }

    @Test
    void quarantinedPushesAreListedWithReasonAndBody() throws Exception {
        String body = "{\"SessionId\":\"<script>alert(1)</script>\",\"Duration\":\"long\"}";
        HttpResponse<String> push = bridge.push("cdr", "bad-" + UUID.randomUUID(), body);
        assertThat(push.statusCode()).isEqualTo(400);

        JsonNode quarantine = JSON.readTree(admin("GET", "/admin/quarantine?limit=5", null).body());

        assertThat(quarantine.path("total").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode latest = quarantine.path("rows").get(0);
        assertThat(latest.path("body").asText()).isEqualTo(body);
        assertThat(latest.path("reason").asText()).contains("Duration");
        assertThat(latest.path("httpStatus").asInt()).isEqualTo(400);
        assertThat(admin("GET", "/admin/quarantine?limit=x", null).statusCode()).isEqualTo(400);
    }

    @Test
    void answersCarryNoHeaderOfTheRequest() throws Exception {
        for (String[] call : new String[][] {{"GET", "/admin/overview"}, {"GET", "/admin/inbox/dead"},
                {"GET", "/admin/quarantine"}, {"POST", "/admin/reconcile"}, {"POST", "/admin/inbox/1/replay"}}) {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base() + call[1]))
                    .header("Authorization", basic(Bridge.ADMIN_USER, Bridge.ADMIN_PASSWORD))
                    .header("X-Probe", "echo-me").header("X-TCCC-PUSH-UUID", "echo-me-too")
                    .method(call[0], HttpRequest.BodyPublishers.noBody()).build());
            assertThat(answer.headers().map().keySet()).as(call[1] + " " + answer.statusCode())
                    .noneMatch(name -> name.equalsIgnoreCase("X-Probe") || name.equalsIgnoreCase("X-TCCC-PUSH-UUID"));
            assertThat(answer.headers().map().values()).as(call[1]).noneMatch(values -> values.contains("echo-me"));
            assertThat(answer.headers().firstValue("Content-Type")).as(call[1])
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        }
    }

    @Test
    void thePagesAreServedWithTheirPolicyAndTheConsoleOnlyToTheAdmin() throws Exception {
        HttpResponse<String> front = send(HttpRequest.newBuilder(URI.create(base() + "/")).build());
        assertThat(front.statusCode()).isEqualTo(200);
        assertThat(front.body()).contains("tccc-bridge", "href=\"/admin/\"", "href=\"/actuator/health\"");
        assertThat(front.headers().firstValue("Content-Security-Policy")).hasValue(
                dev.tcccbridge.security.SecurityConfiguration.PAGES_CSP);

        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(base() + "/admin/")).build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Basic"));

        HttpResponse<String> console = admin("GET", "/admin/", null);
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("<script src=\"console.js\"").doesNotContain("<script>");
        assertThat(console.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(admin("GET", "/admin/console.js", null).body()).contains("textContent").doesNotContain("innerHTML");
    }

    @Test
    void anotherSitesPageCannotReplayThroughTheAdminsBrowser() throws Exception {
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(base() + "/admin/inbox/1/replay"))
                .header("Authorization", basic(Bridge.ADMIN_USER, Bridge.ADMIN_PASSWORD))
                .header("Origin", "https://attacker.example").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("another site");

        HttpResponse<String> sameOrigin = send(HttpRequest.newBuilder(URI.create(base() + "/admin/inbox/999999999/replay"))
                .header("Authorization", basic(Bridge.ADMIN_USER, Bridge.ADMIN_PASSWORD))
                .header("Origin", base()).header("Sec-Fetch-Site", "same-origin")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(sameOrigin.statusCode()).as("the console's own request reaches the API").isEqualTo(404);
    }

    @Test
    void readinessFollowsTheDatabaseWhileTheCrmAndMailAreReportedOnly() throws Exception {
        JsonNode health = JSON.readTree(admin("GET", "/actuator/health", null).body());
        assertThat(health.path("components").path("crm").path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("crm").path("details").path("circuitBreaker").asText())
                .isEqualTo("CLOSED");
        assertThat(health.path("components").path("mail").path("status").asText()).isEqualTo("UP");
        JsonNode readiness = JSON.readTree(admin("GET", "/actuator/health/readiness", null).body());
        assertThat(readiness.path("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("readinessState", "routes", "db");

        database.down();
        try {
            HttpResponse<String> notReady = send(HttpRequest.newBuilder(URI.create(base()
                    + "/actuator/health/readiness")).build());
            HttpResponse<String> alive = send(HttpRequest.newBuilder(URI.create(base()
                    + "/actuator/health/liveness")).build());
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(alive.statusCode()).as("a database outage is no reason to restart").isEqualTo(200);
        } finally {
            database.up();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> send(HttpRequest.newBuilder(URI.create(base()
                + "/actuator/health/readiness")).build()).statusCode() == 200);
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Authorization", basic(Bridge.ADMIN_USER, Bridge.ADMIN_PASSWORD));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
