package dev.tcccbridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A running bridge as its users see it: the push endpoint, the admin endpoints, the inbox table. */
public final class Bridge {

    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-secret";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final JdbcTemplate jdbc;

    public Bridge(int port, JdbcTemplate jdbc) {
        this.baseUrl = "http://localhost:" + port;
        this.jdbc = jdbc;
    }

    /**
     * Admin credentials, and delivery fast enough for tests (polls and retries in milliseconds).
     * Retention and the archive sweep are on, as by default, but their first runs are an hour
     * away: tests that need one start it.
     */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("bridge.retention.initial-delay", () -> "1h");
        registry.add("bridge.recording.sweep.initial-delay", () -> "1h");
        registry.add("bridge.admin.username", () -> ADMIN_USER);
        registry.add("bridge.admin.password", () -> ADMIN_PASSWORD);
        registry.add("bridge.delivery.poll-interval", () -> "100ms");
        registry.add("bridge.delivery.backoff-base", () -> "100ms");
        registry.add("bridge.delivery.backoff-max", () -> "400ms");
        registry.add("bridge.delivery.lease", () -> "1m");
    }

    /** POSTs a push as TCCC does. */
    public HttpResponse<String> push(String action, String pushUuid, String json) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/tccc/push?action=" + action + "&version=1"))
                .header("Content-Type", "application/json; charset=utf8")
                .header("X-TCCC-PUSH-UUID", pushUuid)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
    }

    /** An admin request with the admin's Basic credentials. */
    public HttpResponse<String> admin(String method, String path) {
        String basic = Base64.getEncoder().encodeToString((ADMIN_USER + ":" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Basic " + basic)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** The inbox row of a push: status, attempts, last_error, ... */
    public Map<String, Object> inboxRow(String pushId) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM tccc_inbox WHERE push_id = ?", pushId);
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    /** Waits until the push's row has the status (DONE, DEAD...), and returns the row. */
    public Map<String, Object> awaitStatus(String pushId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(inboxRow(pushId).get("status")));
        return inboxRow(pushId);
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
