package dev.tcccbridge.inbox;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.CdrJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Delivery when things go wrong: Salesforce down, a refused record, a crashed instance, a missing pipeline. */
class DeliveryRecoveryTest extends SalesforceBridgeTest {

    static final Path OUTBOX = tempDir();

    @DynamicPropertySource
    static void testProperties(DynamicPropertyRegistry registry) {
        registry.add("bridge.mail.outbox-dir", OUTBOX::toString);
    }

    static Path tempDir() {
        try {
            return Files.createTempDirectory("delivery-recovery-outbox");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Autowired
    ObjectMapper json;
    @Autowired
    CamelContext camel;

    @Test
    void rowIsRetriedWhileSalesforceIsDownAndDeliveredOnceItIsBack() {
        String session = UUID.randomUUID().toString();
        SALESFORCE.records().unavailableFor(3);

        bridge.push("cdr", "push-" + session, CdrJson.sample().session(session).json());
        Map<String, Object> row = bridge.awaitStatus("push-" + session, "DONE");

        assertThat(row.get("attempts")).isEqualTo(4);
        assertThat((String) row.get("last_error")).contains("503").contains("SERVER_UNAVAILABLE");
        assertThat(SALESFORCE.records().all("Task")).hasSize(1);
        assertThat(SALESFORCE.records().get("Task", session)).containsEntry("Status", "Completed");
    }

    @Test
    void refusedRecordIsDeadWithTheReasonAndItsReplayDeliversItOnceFixed() throws Exception {
        String session = UUID.randomUUID().toString();
        SALESFORCE.records().refuseWith("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Calls need a queue");

        bridge.push("cdr", "push-" + session, CdrJson.sample().session(session).json());
        Map<String, Object> dead = bridge.awaitStatus("push-" + session, "DEAD");

        assertThat(dead.get("attempts")).isEqualTo(1);
        assertThat((String) dead.get("last_error")).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION: Calls need a queue");
        long id = ((Number) dead.get("id")).longValue();
        HttpResponse<String> list = bridge.admin("GET", "/admin/inbox/dead");
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode rows = json.readTree(list.body()).path("rows");
        assertThat(rows.findValuesAsText("sessionId")).contains(session);
        assertThat(rows.toString()).contains("Calls need a queue");

        // the validation rule is mended; the operator replays the row
        SALESFORCE.records().refuseWith(null, null);
        HttpResponse<String> replay = bridge.admin("POST", "/admin/inbox/" + id + "/replay");
        assertThat(replay.statusCode()).isEqualTo(202);
        bridge.awaitStatus("push-" + session, "DONE");
        assertThat(SALESFORCE.records().all("Task")).hasSize(1);

        // a delivered row is not replayed; an unknown one is not found
        assertThat(bridge.admin("POST", "/admin/inbox/" + id + "/replay").statusCode()).isEqualTo(409);
        assertThat(bridge.admin("POST", "/admin/inbox/999999/replay").statusCode()).isEqualTo(404);
        assertThat(json.readTree(bridge.admin("GET", "/admin/inbox/dead").body()).path("rows")
                .findValuesAsText("sessionId")).doesNotContain(session);
    }

    @Test
    void replayOfAnUpdatedCallNeverMakesASecondTask() {
        String session = UUID.randomUUID().toString();
        bridge.push("cdr", "first-" + session, CdrJson.sample().session(session).set("Duration", 10).json());
        bridge.awaitStatus("first-" + session, "DONE");
        SALESFORCE.records().refuseWith("UNKNOWN_EXCEPTION_X", "refused for now");
        bridge.push("cdr", "second-" + session, CdrJson.sample().session(session).set("Duration", 20).json());
        long id = ((Number) bridge.awaitStatus("second-" + session, "DEAD").get("id")).longValue();

        SALESFORCE.records().refuseWith(null, null);
        bridge.admin("POST", "/admin/inbox/" + id + "/replay");
        bridge.awaitStatus("second-" + session, "DONE");

        assertThat(SALESFORCE.records().all("Task")).hasSize(1);
        assertThat(SALESFORCE.records().get("Task", session)).containsEntry("CallDurationInSeconds", 20);
    }

    @Test
    void rowHeldByAnInstanceThatDiedIsDeliveredOnceItsLeaseRunsOut() {
        String session = UUID.randomUUID().toString();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        // claimed by an instance that died mid-delivery; its lease has just run out
        jdbc.update("""
                INSERT INTO tccc_inbox (push_id, action, sdk_app_id, session_id, payload, received_at, status,
                                        attempts, next_attempt_at, claimed_by, lease_until)
                VALUES (?, 'cdr', 1400482256, ?, ?, ?, 'PENDING', 1, ?, 'crashed-instance', ?)""",
                "push-" + session, session, CdrJson.sample().session(session).json(), now.minusMinutes(10),
                now.minusMinutes(10), now.minusSeconds(1));

        Map<String, Object> row = bridge.awaitStatus("push-" + session, "DONE");

        assertThat(row.get("attempts")).isEqualTo(2);
        assertThat(row.get("claimed_by")).isNotEqualTo("crashed-instance");
        assertThat(SALESFORCE.records().get("Task", session)).isNotNull();
    }

    @Test
    void rowWhosePipelineIsNotThereIsKeptForRetryAndDeliveredOnceItIs() throws Exception {
        String session = UUID.randomUUID().toString();
        // the voicemail pipeline is missing (its route stopped, as while an edited route file reloads)
        camel.getRouteController().stopRoute("deliver-voicemail");
        try {
            bridge.push("voicemail", "push-" + session, """
                    {"SdkAppId":1400264214,"SessionId":"%s","Timestamp":1608130650,
                     "EndpointUser":"13123456789","RecordURL":"http://recorder.example/vm-1"}""".formatted(session));

            await().atMost(Duration.ofSeconds(20)).until(() -> ((Number) bridge.inboxRow("push-" + session)
                    .getOrDefault("attempts", 0)).intValue() >= 2);
            Map<String, Object> row = bridge.inboxRow("push-" + session);
            assertThat(row.get("status")).isEqualTo("PENDING");
            assertThat((String) row.get("last_error")).contains("no pipeline for this action yet");
        } finally {
            camel.getRouteController().startRoute("deliver-voicemail");
        }
        bridge.awaitStatus("push-" + session, "DONE");
    }
}
