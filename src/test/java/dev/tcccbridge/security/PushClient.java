package dev.tcccbridge.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Sends pushes and token requests over real HTTP, as TCCC does, and reads what was stored. */
final class PushClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;
    private final JdbcTemplate jdbc;

    PushClient(int port, JdbcTemplate jdbc) {
        this.base = "http://localhost:" + port;
        this.jdbc = jdbc;
    }

    static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static String newPushId() {
        return UUID.randomUUID().toString();
    }

    /** A CDR push with the vendor's sample body; authorization null: no Authorization header. */
    Answer push(String pushId, String authorization) {
        return push(pushId, authorization, sampleCdr());
    }

    Answer push(String pushId, String authorization, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/tccc/push?action=cdr&version=1"))
                .header("Content-Type", "application/json; charset=utf8")
                .header("X-TCCC-PUSH-UUID", pushId)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Optional.ofNullable(authorization).ifPresent(value -> request.header("Authorization", value));
        return send(request);
    }

    Answer get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        Optional.ofNullable(authorization).ifPresent(value -> request.header("Authorization", value));
        return send(request);
    }

    Answer postForm(String path, String authorization, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        Optional.ofNullable(authorization).ifPresent(value -> request.header("Authorization", value));
        return send(request);
    }

    /** A token from the built-in endpoint, client id and secret sent by HTTP Basic. */
    Answer token(String clientId, String clientSecret) {
        return postForm("/oauth2/token", basic(clientId, clientSecret), Map.of("grant_type", "client_credentials"));
    }

    int rows(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    /** Nothing of a push was kept: no inbox row, no quarantined body, no push id. */
    boolean nothingStored() {
        return rows("tccc_inbox") == 0 && rows("tccc_quarantine") == 0 && rows("camel_messageprocessed") == 0;
    }

    void clearTables() {
        jdbc.update("DELETE FROM tccc_inbox");
        jdbc.update("DELETE FROM tccc_quarantine");
        jdbc.update("DELETE FROM camel_messageprocessed");
    }

    /** The sender's retry: one push sent twice with one X-TCCC-PUSH-UUID is acknowledged twice and stored once. */
    void assertRetryStoredOnce(String authorization) {
        String pushId = newPushId();

        Answer first = push(pushId, authorization);
        Answer retry = push(pushId, authorization);

        assertThat(first.errCode()).as("%s", first).isZero();
        assertThat(retry.errCode()).as("%s", retry).isZero();
        assertThat(rows("tccc_inbox")).isEqualTo(1);
    }

    /**
     * The refusal TCCC must get for missing or wrong credentials: 401, the challenge of the
     * scheme, the vendor's body with a non-zero ErrCode, and nothing stored.
     */
    void assertUnauthenticated(Answer answer, String challenge) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).as("challenge of %s", answer).startsWith(challenge);
        assertThat(answer.header("Content-Type")).startsWith("application/json");
        assertThat(answer.errCode()).as("ErrCode of %s", answer).isEqualTo(40100);
        assertThat(answer.json().path("ErrMsg").asText()).startsWith("authentication ");
        assertThat(nothingStored()).as("nothing stored after %s", answer).isTrue();
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sampleCdr() {
        try {
            return Files.readString(Path.of("examples/cdr.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Answer(HttpResponse<String> response) {

        int status() {
            return response.statusCode();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        JsonNode json() {
            try {
                return JSON.readTree(response.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + response.body(), e);
            }
        }

        int errCode() {
            return json().path("ErrCode").asInt(-1);
        }

        @Override
        public String toString() {
            return response.statusCode() + " " + response.headers().map() + " " + response.body();
        }
    }
}
