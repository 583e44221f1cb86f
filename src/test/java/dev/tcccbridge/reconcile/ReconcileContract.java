package dev.tcccbridge.reconcile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tcccbridge.inbox.InboxRepository;
import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.RecordJson;
import dev.tcccbridge.tccc.Recording;
import dev.tcccbridge.tccc.Voicemail;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation against a stub of the TCCC API (over http, requests signed by the real
 * CommonClient), on the database of the subclass. Runs are started by the test, not the
 * scheduler (its first run is an hour away).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ReconcileContract {

    static final long SDK_APP_ID = 1400000000L;
    static final String SECRET_ID = "AKIDreconciletest";
    static final String SECRET_KEY = "reconcile-test-secret-key";
    static final WireMockServer TCCC_API = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        TCCC_API.start();
        Runtime.getRuntime().addShutdownHook(new Thread(TCCC_API::stop));
    }

    static void register(DynamicPropertyRegistry registry) {
        Bridge.register(registry);
        registry.add("bridge.delivery.enabled", () -> "false");
        reconcileWithTheStub(registry);
    }

    /** Reconciliation on, against {@link #TCCC_API}, its runs started by the tests (the first scheduled is an hour away). */
    static void reconcileWithTheStub(DynamicPropertyRegistry registry) {
        registry.add("bridge.tccc.sdk-app-id", () -> SDK_APP_ID);
        registry.add("bridge.tccc.api.endpoint", () -> "http://localhost:" + TCCC_API.port());
        registry.add("bridge.tccc.api.region", () -> "ap-guangzhou");
        registry.add("bridge.tccc.api.secret-id", () -> SECRET_ID);
        registry.add("bridge.tccc.api.secret-key", () -> SECRET_KEY);
        registry.add("bridge.tccc.api.timeout", () -> "5s");
        registry.add("bridge.reconcile.enabled", () -> "true");
        registry.add("bridge.reconcile.interval", () -> "1h");
        registry.add("bridge.reconcile.initial-delay", () -> "1h");
        registry.add("bridge.reconcile.page-size", () -> "2");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProducerTemplate camel;

    @Autowired
    PushReader reader;

    Bridge bridge;

    @BeforeEach
    void reset() {
        bridge = new Bridge(port, jdbc);
        TCCC_API.resetAll();
        jdbc.update("DELETE FROM tccc_inbox");
        jdbc.update("DELETE FROM camel_messageprocessed");
        jdbc.update("DELETE FROM scheduler_lock");
        jdbc.update("DELETE FROM retention_horizon");
    }

    @Test
    void sessionsNeverPushedAreFedIntoTheInboxOnce() throws Exception {
        HttpResponse<String> pushed = bridge.push("cdr", "push-known",
                CdrJson.sample().session("s-known").set("SdkAppId", SDK_APP_ID).json());
        assertThat(pushed.statusCode()).isEqualTo(200);
        serveCdrs(cdr("s-lost-1"), cdr("s-known"), cdr("s-lost-2"));

        ReconcileRun run = run();

        assertThat(run).extracting("outcome", "pages", "seen", "fed", "unreadable")
                .containsExactly(ReconcileRun.DONE, 2, 3, 2, 0);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM tccc_inbox WHERE push_id LIKE 'reconcile:cdr:%' ORDER BY session_id");
        assertThat(rows).extracting(row -> row.get("session_id")).containsExactly("s-lost-1", "s-lost-2");
        for (Map<String, Object> row : rows) {
            assertThat(row.get("action")).isEqualTo("cdr");
            assertThat(row.get("status")).isEqualTo(InboxRepository.PENDING);
            assertThat(row.get("push_id")).isEqualTo("reconcile:cdr:" + row.get("session_id"));
            assertThat(((Number) row.get("sdk_app_id")).longValue()).isEqualTo(SDK_APP_ID);
            Cdr cdr = (Cdr) reader.read(PushAction.CDR, (String) row.get("payload"));
            assertThat(cdr.sessionId()).isEqualTo(row.get("session_id"));
            assertThat(cdr.seatUser().mail()).isEqualTo("zhangsan@tencent.com");
            assertThat(cdr.sdkAppId()).as("added where the item lacks it").isEqualTo(SDK_APP_ID);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox", Integer.class)).isEqualTo(3);

        List<LoggedRequest> requests = TCCC_API.findAll(postRequestedFor(urlEqualTo("/")));
        assertThat(requests).hasSize(2);
        long now = Instant.now().getEpochSecond();
        for (int page = 0; page < 2; page++) {
            LoggedRequest request = requests.get(page);
            assertThat(request.getHeader("Authorization"))
                    .startsWith("TC3-HMAC-SHA256 Credential=" + SECRET_ID + "/")
                    // the SDK names the service in the scope by the endpoint's first label: "ccc" for
                    // ccc.tencentcloudapi.com, the stub's host here
                    .contains("/tc3_request, SignedHeaders=content-type;host, Signature=")
                    .doesNotContain(SECRET_KEY);
            assertThat(request.getHeader("X-TC-Action")).isEqualTo("DescribeTelCdr");
            assertThat(request.getHeader("X-TC-Version")).isEqualTo("2020-02-10");
            assertThat(request.getHeader("X-TC-Region")).isEqualTo("ap-guangzhou");
            JsonNode body = JSON.readTree(request.getBodyAsString());
            assertThat(body.get("SdkAppId").asLong()).isEqualTo(SDK_APP_ID);
            assertThat(body.get("PageNumber").asInt()).isEqualTo(page);
            assertThat(body.get("PageSize").asInt()).isEqualTo(2);
            long end = body.get("EndTimeStamp").asLong();
            assertThat(end).isBetween(now - 30, now + 2);
            assertThat(end - body.get("StartTimeStamp").asLong()).as("the default lookback, 2h")
                    .isBetween(7200L, 7201L);
        }

        ReconcileRun again = run();

        assertThat(again).extracting("outcome", "seen", "fed").containsExactly(ReconcileRun.DONE, 3, 0);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox", Integer.class)).isEqualTo(3);
    }

    @Test
    void recordingsAndVoicemailsNeverPushedAreFedOnceAndLatePushesOfThemAreDuplicates() throws Exception {
        // s-both: nothing came. s-half: its CDR and the customer's recording came, the agent's did not
        assertThat(bridge.push("cdr", "push-half", CdrJson.sample().session("s-half").set("SdkAppId", SDK_APP_ID)
                .json()).statusCode()).isEqualTo(200);
        assertThat(bridge.push("record", "push-half-customer", RecordJson.of("s-half", "r-s-half-customer", 1677140081,
                "0086184xxxx7605", "https://tccc.example/s-half/customer.mp3").sdkAppId(SDK_APP_ID).json()).statusCode())
                .isEqualTo(200);
        serveCdrs(recorded("s-both").set("VoicemailRecordURL",
                        JSON.createArrayNode().add("https://tccc.example/s-both/voicemail.mp3")),
                recorded("s-half"));

        ReconcileRun run = run();

        assertThat(run).extracting("outcome", "seen", "fed", "recordings", "voicemails")
                .containsExactly(ReconcileRun.DONE, 2, 1, 3, 1);
        Map<String, Object> customer = bridge.inboxRow("reconcile:record:r-s-both-customer");
        assertThat(customer).containsEntry("action", "record").containsEntry("session_id", "s-both")
                .containsEntry("record_id", "r-s-both-customer").containsEntry("status", InboxRepository.PENDING);
        Recording customerSide = (Recording) reader.read(PushAction.RECORD, (String) customer.get("payload"));
        assertThat(customerSide).extracting(Recording::endpointUser, Recording::recordUrl, Recording::customRecordUrl,
                        Recording::timestamp, Recording::sdkAppId)
                .containsExactly("0086184xxxx7605", "https://tccc.example/s-both/customer.mp3",
                        "https://cos.example/s-both/customer.mp3", 1677140081L, SDK_APP_ID);
        Recording agentSide = (Recording) reader.read(PushAction.RECORD,
                (String) bridge.inboxRow("reconcile:record:r-s-both-agent").get("payload"));
        assertThat(agentSide.endpointUser()).isEqualTo("zhangsan@tencent.com");
        assertThat(agentSide.bestUrl()).isEqualTo("https://tccc.example/s-both/agent.mp3");
        Voicemail voicemail = (Voicemail) reader.read(PushAction.VOICEMAIL,
                (String) bridge.inboxRow("reconcile:voicemail:s-both").get("payload"));
        assertThat(voicemail).extracting(Voicemail::recordUrl, Voicemail::endpointUser, Voicemail::sessionId)
                .containsExactly("https://tccc.example/s-both/voicemail.mp3", "0086184xxxx7605", "s-both");
        assertThat(jdbc.queryForList("SELECT push_id FROM tccc_inbox WHERE session_id = 's-half' ORDER BY push_id",
                String.class)).containsExactly("push-half", "push-half-customer", "reconcile:record:r-s-half-agent");

        // the lost pushes come after all, under TCCC's own push ids: duplicates, nothing stored
        int rows = count();
        HttpResponse<String> late = bridge.push("record", "late-customer", RecordJson.of("s-both", "r-s-both-customer",
                1677140081, "0086184xxxx7605", "https://tccc.example/s-both/customer.mp3").sdkAppId(SDK_APP_ID).json());
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("\"ErrCode\":0").contains("duplicate");
        assertThat(bridge.push("cdr", "late-cdr", CdrJson.sample().session("s-both").set("SdkAppId", SDK_APP_ID)
                .json()).body()).contains("duplicate");
        assertThat(bridge.push("voicemail", "late-voicemail", """
                {"SdkAppId":%d,"SessionId":"s-both","Timestamp":1677140081,"EndpointUser":"0086184xxxx7605",
                 "RecordURL":"https://tccc.example/s-both/voicemail.mp3"}""".formatted(SDK_APP_ID)).body())
                .contains("duplicate");
        assertThat(count()).isEqualTo(rows);

        assertThat(run()).extracting("fed", "recordings", "voicemails").containsExactly(0, 0, 0);
        assertThat(count()).isEqualTo(rows);
    }

    @Test
    void theWindowNeverReachesBackPastWhatRetentionDeleted() throws Exception {
        Instant horizon = Instant.now().minusSeconds(1800);
        jdbc.update("INSERT INTO retention_horizon (name, horizon) VALUES ('tccc_inbox', ?)",
                horizon.atOffset(ZoneOffset.UTC));
        serveCdrs(cdr("s-1"));

        assertThat(run().outcome()).isEqualTo(ReconcileRun.DONE);

        JsonNode body = JSON.readTree(TCCC_API.findAll(postRequestedFor(urlEqualTo("/"))).get(0).getBodyAsString());
        assertThat(body.get("StartTimeStamp").asLong()).isBetween(horizon.getEpochSecond(), horizon.getEpochSecond() + 1);

        // retention has deleted rows up to now: nothing is asked, so nothing deleted is taken for lost
        TCCC_API.resetRequests();
        jdbc.update("UPDATE retention_horizon SET horizon = ?", Instant.now().plusSeconds(60).atOffset(
                ZoneOffset.UTC));
        assertThat(run()).extracting("outcome", "pages", "fed").containsExactly(ReconcileRun.DONE, 0, 0);
        assertThat(TCCC_API.findAll(postRequestedFor(urlEqualTo("/")))).isEmpty();
    }

    @Test
    void anApiErrorStoresNothingAndTheNextRunWorks() throws Exception {
        TCCC_API.stubFor(post("/").willReturn(okJson("""
                {"Response":{"Error":{"Code":"AuthFailure.SignatureFailure","Message":"The provided credentials could not be validated."},
                 "RequestId":"req-error-1"}}""")));

        ReconcileRun failed = run();

        assertThat(failed.outcome()).isEqualTo(ReconcileRun.FAILED);
        assertThat(failed.error()).contains("AuthFailure.SignatureFailure");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox", Integer.class)).isZero();

        TCCC_API.resetAll();
        TCCC_API.stubFor(post("/").willReturn(aResponse().withStatus(503).withBody("unavailable")));
        assertThat(run().outcome()).as("an HTTP failure as well").isEqualTo(ReconcileRun.FAILED);

        TCCC_API.resetAll();
        serveCdrs(cdr("s-1"), cdr("s-2"), cdr("s-3"));

        ReconcileRun next = run();

        assertThat(next).extracting("outcome", "fed").containsExactly(ReconcileRun.DONE, 3);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox", Integer.class)).isEqualTo(3);
    }

    @Test
    void anUnreadableItemIsCountedAndTheOthersAreFed() throws Exception {
        ObjectNode unreadable = cdr("s-bad").put("Duration", "forever");
        ObjectNode noSession = cdr("s-none");
        noSession.remove("SessionId");
        serveCdrs(cdr("s-good"), unreadable, noSession);

        ReconcileRun run = run();

        assertThat(run).extracting("outcome", "seen", "fed", "unreadable")
                .containsExactly(ReconcileRun.DONE, 3, 1, 2);
        assertThat(jdbc.queryForList("SELECT session_id FROM tccc_inbox", String.class)).containsExactly("s-good");
    }

    @Test
    void callsThatEndedWithinTheGraceTimeAreLeftToTheirPush() throws Exception {
        serveCdrs(cdr("s-old"), cdr("s-just-ended").put("EndedTimestamp", Instant.now().getEpochSecond() - 10));

        ReconcileRun run = run();

        assertThat(run).extracting("fed", "recent").containsExactly(1, 1);
        assertThat(jdbc.queryForList("SELECT session_id FROM tccc_inbox", String.class)).containsExactly("s-old");
    }

    @Test
    void twoRunsAtOnce_oneRunsTheOtherSkips() throws Exception {
        serveCdrs(1500, cdr("s-1"), cdr("s-2"));
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<ReconcileRun> first = CompletableFuture.supplyAsync(() -> awaitThenRun(start));
        CompletableFuture<ReconcileRun> second = CompletableFuture.supplyAsync(() -> awaitThenRun(start));
        start.countDown();

        List<String> outcomes = List.of(first.get(10, TimeUnit.SECONDS).outcome(),
                second.get(10, TimeUnit.SECONDS).outcome());

        assertThat(outcomes).containsExactlyInAnyOrder(ReconcileRun.DONE, ReconcileRun.SKIPPED);
        assertThat(TCCC_API.findAll(postRequestedFor(urlEqualTo("/")))).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox", Integer.class)).isEqualTo(2);
        assertThat(run().outcome()).as("the lock was released").isEqualTo(ReconcileRun.DONE);
    }

    @Test
    void anOperatorRunsOneNow() throws Exception {
        serveCdrs(cdr("s-1"));

        HttpResponse<String> answer = bridge.admin("POST", "/admin/reconcile");

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode counts = JSON.readTree(answer.body());
        assertThat(counts.get("outcome").asText()).isEqualTo("done");
        assertThat(counts.get("fed").asInt()).isEqualTo(1);
    }

    /** One run, as the scheduler starts it. */
    ReconcileRun run() {
        return camel.requestBody("direct:reconcile-run", null, ReconcileRun.class);
    }

    private ReconcileRun awaitThenRun(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return run();
    }

    /** A TelCdrInfo item as DescribeTelCdr lists it: the push CDR's fields and more, no SdkAppId. */
    static ObjectNode cdr(String sessionId) throws Exception {
        ObjectNode item = (ObjectNode) JSON.readTree(CdrJson.sample().session(sessionId).json());
        item.remove("SdkAppId");
        item.put("StartTimestamp", 1677140060L);
        item.put("EndStatusString", "ok");
        item.put("ProtectedCaller", "");
        item.putArray("VoicemailAsrURL");
        return item;
    }

    /** A call with a recording of each side (the customer's also in the customer's COS), as DescribeTelCdr lists it. */
    static ObjectNode recorded(String sessionId) throws Exception {
        ObjectNode item = cdr(sessionId);
        item.put("EndedTimestamp", 1677140081L);
        item.put("RecordId", "r-" + sessionId + "-customer");
        item.put("RecordURL", "https://tccc.example/" + sessionId + "/customer.mp3");
        item.put("CustomRecordURL", "https://cos.example/" + sessionId + "/customer.mp3");
        ObjectNode agent = (ObjectNode) item.get("ServeParticipants").get(0);
        agent.put("RecordId", "r-" + sessionId + "-agent");
        agent.put("RecordURL", "https://tccc.example/" + sessionId + "/agent.mp3");
        return item;
    }

    int count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox", Integer.class);
    }

    static void serveCdrs(ObjectNode... items) {
        serveCdrs(0, items);
    }

    /** The items on pages of 2, as the API answers PageNumber 0, 1, ... */
    static void serveCdrs(int delayMillis, ObjectNode... items) {
        for (int page = 0; page * 2 < Math.max(1, items.length); page++) {
            ObjectNode response = JSON.createObjectNode();
            ObjectNode inner = response.putObject("Response");
            inner.put("TotalCount", items.length);
            var list = inner.putArray("TelCdrList");
            for (int i = page * 2; i < Math.min(items.length, page * 2 + 2); i++) {
                list.add(items[i]);
            }
            inner.putArray("TelCdrs");
            inner.put("RequestId", "req-page-" + page);
            TCCC_API.stubFor(post("/")
                    .withHeader("X-TC-Action", equalTo("DescribeTelCdr"))
                    .withHeader("Authorization", matching("TC3-HMAC-SHA256 .*"))
                    .withRequestBody(matchingJsonPath("$.PageNumber", equalTo(String.valueOf(page))))
                    .willReturn(okJson(response.toString()).withFixedDelay(delayMillis)));
        }
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
