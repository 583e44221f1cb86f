package dev.tcccbridge.tccc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.inbox.InboxRepository;
import dev.tcccbridge.testing.SwitchableDataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Every row of the push contract (CONTRACT.md §1) over real HTTP, against the database of the
 * subclass: what the sender is answered, and what is (and is not) stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.http.push.threads=50"})
@Import(SwitchableDataSource.Installer.class)
abstract class PushIngressContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SwitchableDataSource database;

    @MockitoSpyBean
    InboxRepository inbox;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void emptyTables() {
        reset(inbox);
        database.up();
        jdbc.update("DELETE FROM tccc_inbox");
        jdbc.update("DELETE FROM tccc_quarantine");
        jdbc.update("DELETE FROM camel_messageprocessed");
    }

    @Test
    void theVendorSamplesAreAcceptedAndStoredWithTheirFieldsIntact() throws Exception {
        for (String action : List.of("cdr", "record", "voicemail")) {
            String json = Files.readString(Path.of("examples", action + ".json"));

            HttpResponse<String> answer = push(action, "sample-" + action, json);

            assertAnswer(answer, 200, 0);
            Map<String, Object> row = jdbc.queryForMap("SELECT * FROM tccc_inbox WHERE push_id = ?", "sample-" + action);
            assertThat(row.get("action")).isEqualTo(action);
            assertThat(row.get("payload")).as("the body exactly as pushed").isEqualTo(json);
            assertThat(row.get("status")).isEqualTo("PENDING");
            assertThat(row.get("attempts")).isEqualTo(0);
            assertThat(row.get("next_attempt_at")).isNotNull();
            assertThat(row.get("received_at")).isNotNull();
        }
        assertThat(jdbc.queryForMap("SELECT session_id, sdk_app_id, record_id FROM tccc_inbox WHERE action = 'cdr'"))
                .containsEntry("session_id", "99a1c8f8-eb3d-4xxx-8401-5f6aa8761232")
                .containsEntry("sdk_app_id", 1400482256L);
        assertThat(jdbc.queryForMap("SELECT session_id, sdk_app_id, record_id FROM tccc_inbox WHERE action = 'record'"))
                .containsEntry("session_id", "e97be0ab-1ef6-4ad2-a8c4-2b2bbfb18e55")
                .containsEntry("sdk_app_id", 1400264214L)
                .containsEntry("record_id", "1608130650");
        assertThat(count("camel_messageprocessed")).isEqualTo(3);
    }

    @Test
    void chineseTextSentAsCharsetUtf8ArrivesIntact() throws Exception {
        String json = "{\"SessionId\":\"s-zh\",\"SeatUser\":{\"Name\":\"张三\"},\"QueuedSkillGroupName\":\"售后服务\"}";

        assertAnswer(push("cdr", "zh-1", json), 200, 0);

        String stored = jdbc.queryForObject("SELECT payload FROM tccc_inbox WHERE push_id = 'zh-1'", String.class);
        assertThat(stored).isEqualTo(json).contains("张三", "售后服务");
    }

    @Test
    void aRepeatedPushIdIsAnsweredOkAndNotStoredAgain() throws Exception {
        String json = "{\"SessionId\":\"s-dup\"}";

        assertAnswer(push("cdr", "dup-1", json), 200, 0);
        HttpResponse<String> second = push("cdr", "dup-1", json);

        assertAnswer(second, 200, 0);
        assertThat(errMsg(second)).contains("duplicate");
        assertThat(count("tccc_inbox")).isEqualTo(1);
    }

    @Test
    void withoutPushIdTheKeyIsAHashOfActionAndBody() throws Exception {
        String json = "{\"SessionId\":\"s-nohdr\",\"RecordURL\":\"https://r\"}";

        assertAnswer(push("cdr", null, json), 200, 0);
        assertAnswer(push("cdr", null, json), 200, 0);
        assertAnswer(push("voicemail", null, json), 200, 0);

        assertThat(jdbc.queryForList("SELECT push_id FROM tccc_inbox ORDER BY action", String.class))
                .containsExactly(
                        PushIds.hash("cdr", json.getBytes(StandardCharsets.UTF_8)),
                        PushIds.hash("voicemail", json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fiftyConcurrentPushesOfOneIdStoreOneRowAndAllAreAnsweredOk() throws Exception {
        String json = "{\"SessionId\":\"s-race\"}";
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(http.sendAsync(request("cdr", "race-1", json), HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertAnswer(answer.get(), 200, 0);
        }
        assertThat(count("tccc_inbox")).isEqualTo(1);
        assertThat(count("camel_messageprocessed")).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentDifferentPushesAreAllStored() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            answers.add(http.sendAsync(request("cdr", "many-" + i, "{\"SessionId\":\"s-" + i + "\"}"),
                    HttpResponse.BodyHandlers.ofString()));
        }

        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            assertAnswer(answer.get(), 200, 0);
        }
        assertThat(count("tccc_inbox")).isEqualTo(50);
    }

    @Test
    void aFailureAfterTheKeyInsertLeavesNeitherKeyNorRowAndTheRetryIsStored() throws Exception {
        doAnswer(invocation -> {
            invocation.callRealMethod();
            throw new IllegalStateException("crash between the inbox insert and the commit");
        }).when(inbox).storeUnlessReconciled(any());
        String json = "{\"SessionId\":\"s-crash\"}";

        HttpResponse<String> failed = push("cdr", "crash-1", json);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(errCode(failed)).isNotZero();
        assertThat(count("tccc_inbox")).isZero();
        assertThat(count("camel_messageprocessed")).as("no orphan key").isZero();

        reset(inbox);
        assertAnswer(push("cdr", "crash-1", json), 200, 0);
        assertThat(jdbc.queryForObject("SELECT session_id FROM tccc_inbox WHERE push_id = 'crash-1'", String.class))
                .isEqualTo("s-crash");
    }

    @Test
    void unprocessablePushesAre400AndQuarantinedWithTheirRawBody() throws Exception {
        record Case(String action, String body, String problem) { }
        List<Case> cases = List.of(
                new Case("agent", "{\"SessionId\":\"s\"}", "unknown action"),
                new Case("cdr", "{\"SessionId\":\"s\",", "malformed JSON"),
                new Case("cdr", "{\"SessionId\":\"s\",\"Duration\":\"long\"}", "Duration"),
                new Case("cdr", "{\"Caller\":\"008613123456789\"}", "SessionId is missing"));
        int n = 0;
        for (Case c : cases) {
            String pushId = "bad-" + n++;
            HttpResponse<String> answer = push(c.action(), pushId, c.body(), "Authorization", "Basic c2VjcmV0");

            assertThat(answer.statusCode()).as(c.body()).isEqualTo(400);
            assertThat(errCode(answer)).isNotZero();
            assertThat(errMsg(answer)).contains(c.problem());
            Map<String, Object> kept = jdbc.queryForMap("SELECT * FROM tccc_quarantine WHERE push_id = ?", pushId);
            assertThat(new String((byte[]) kept.get("body"), StandardCharsets.UTF_8)).isEqualTo(c.body());
            assertThat(kept.get("action")).isEqualTo(c.action());
            assertThat(kept.get("http_status")).isEqualTo(400);
            assertThat((String) kept.get("reason")).contains(c.problem());
            assertThat((String) kept.get("headers")).contains(pushId).doesNotContain("c2VjcmV0");
        }
        assertThat(count("tccc_inbox")).isZero();
        assertThat(count("camel_messageprocessed")).isZero();
    }

    @Test
    void aPushOfAnotherVersionIs400AndQuarantinedAndTheVersionIsKeptWithEachRow() throws Exception {
        String json = Files.readString(Path.of("examples", "cdr.json"));

        HttpResponse<String> refused = send(pushUri("cdr", "2"), "v2-push", json);

        assertAnswer(refused, 400, PushError.UNSUPPORTED_VERSION.errCode());
        assertThat(errMsg(refused)).contains("version '2' is not supported").contains("version 1");
        Map<String, Object> kept = jdbc.queryForMap("SELECT * FROM tccc_quarantine WHERE push_id = 'v2-push'");
        assertThat(new String((byte[]) kept.get("body"), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat((String) kept.get("reason")).contains("version '2'");
        assertThat((String) kept.get("headers")).contains("\"version\":\"2\"");
        assertThat(count("tccc_inbox") + count("camel_messageprocessed")).isZero();

        // a missing version (voicemail pushes carry none) and version=1 are read as today
        assertAnswer(send(pushUri("cdr", "1"), "v1-push", json), 200, 0);
        assertAnswer(send(URI.create("http://localhost:" + port + "/tccc/push?action=cdr"), "no-version", json),
                200, 0);
        assertThat(jdbc.queryForList("SELECT push_version FROM tccc_inbox ORDER BY push_id", Integer.class))
                .containsExactly(1, 1);
    }

    @Test
    void theSendersRetriesOfARefusedPushAreQuarantinedOnce() throws Exception {
        for (int attempt = 0; attempt < 4; attempt++) {
            assertThat(push("cdr", "bad-retried", "{oops").statusCode()).isEqualTo(400);
        }

        assertThat(count("tccc_quarantine")).isEqualTo(1);
    }

    @Test
    void aBodyOverTheLimitIs413AndNothingIsStored() throws Exception {
        String big = "{\"SessionId\":\"s-big\",\"UserRemark\":\"" + "x".repeat(1024 * 1024) + "\"}";

        HttpResponse<String> declared = push("cdr", "big-1", big);
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(pushUri("cdr"))
                        .header("Content-Type", "application/json; charset=utf8")
                        .header("X-TCCC-PUSH-UUID", "big-2")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(errCode(declared)).isNotZero();
        assertThat(chunked.statusCode()).as("no Content-Length: the limit still holds").isEqualTo(413);
        assertThat(count("tccc_inbox") + count("tccc_quarantine") + count("camel_messageprocessed")).isZero();
    }

    @Test
    void aBodyJustWithinTheLimitIsAccepted() throws Exception {
        String prefix = "{\"SessionId\":\"s-edge\",\"UserRemark\":\"";
        String json = prefix + "x".repeat(1024 * 1024 - prefix.length() - 2) + "\"}";
        assertThat(json.getBytes(StandardCharsets.UTF_8)).hasSize(1024 * 1024);

        assertAnswer(push("cdr", "edge-1", json), 200, 0);
    }

    @Test
    void formPostsAre415AndOtherMethods405InTheVendorFormat() throws Exception {
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(pushUri("cdr"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("SessionId=s")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(pushUri("cdr")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(errMsg(form)).contains("application/json");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(errCode(get)).isNotZero();
        assertThat(count("tccc_inbox") + count("tccc_quarantine")).isZero();
    }

    @Test
    void withTheDatabaseUnavailablePushesAre503AndTheRetryIsStored() throws Exception {
        String json = "{\"SessionId\":\"s-down\"}";
        HttpResponse<String> answer;
        database.down();
        try {
            answer = push("cdr", "down-1", json);
        } finally {
            database.up();
        }

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(errCode(answer)).isNotZero();
        assertThat(count("tccc_inbox")).isZero();
        assertAnswer(push("cdr", "down-1", json), 200, 0);
        assertThat(count("tccc_inbox")).isEqualTo(1);
    }

    @Test
    void theAnswerEchoesNoneOfTheRequestHeaders() throws Exception {
        HttpResponse<String> answer = push("cdr", "echo-1", "{\"SessionId\":\"s-echo\"}",
                "Authorization", "Basic c2VjcmV0", "X-Custom", "v");

        assertAnswer(answer, 200, 0);
        assertThat(answer.headers().map().keySet())
                .noneMatch(h -> h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("X-Custom")
                        || h.equalsIgnoreCase("X-TCCC-PUSH-UUID"));
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    private HttpResponse<String> push(String action, String pushId, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(request(action, pushId, json), (n, v) -> true);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(URI uri, String pushId, String json) throws Exception {
        return http.send(request(uri, pushId, json), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String action, String pushId, String json) {
        return request(pushUri(action), pushId, json);
    }

    private HttpRequest request(URI uri, String pushId, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json; charset=utf8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (pushId != null) {
            request.header("X-TCCC-PUSH-UUID", pushId);
        }
        return request.build();
    }

    private URI pushUri(String action) {
        return pushUri(action, "1");
    }

    private URI pushUri(String action, String version) {
        return URI.create("http://localhost:" + port + "/tccc/push?action=" + action + "&version=" + version);
    }

    private int count(String table) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    private static void assertAnswer(HttpResponse<String> answer, int status, int errCode) throws IOException {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(errCode(answer)).as(answer.body()).isEqualTo(errCode);
    }

    private static int errCode(HttpResponse<String> answer) throws IOException {
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.has("ErrCode")).as("vendor format: %s", answer.body()).isTrue();
        return body.get("ErrCode").asInt();
    }

    private static String errMsg(HttpResponse<String> answer) throws IOException {
        return JSON.readTree(answer.body()).get("ErrMsg").asText();
    }
}
