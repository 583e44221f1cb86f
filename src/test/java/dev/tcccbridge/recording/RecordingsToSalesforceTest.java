package dev.tcccbridge.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.RecordJson;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Recording pushes through the real push endpoint, the inbox and delivery, to the real
 * camel-salesforce component and a stub of Salesforce that keeps its records: every recording
 * of a call ends up on the call's one Task, whatever order the pushes come in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // long enough that recordings pushed first are still waiting when the test pushes the CDR
        "bridge.delivery.await-cdr=30s",
        "bridge.delivery.recheck=200ms"})
class RecordingsToSalesforceTest extends SalesforceBridgeTest {

    static final String TASK = "Task";
    static final String FIELD = "TCCC_Recordings__c";
    static final String CUSTOMER = "008618486147605";
    static final String AGENT = "zhangsan@tencent.com";

    @Test
    void cdrThenCustomerAndAgentRecordingsMakeOneTaskWithBothLinks() {
        String session = UUID.randomUUID().toString();

        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        deliver("record", "customer-" + session, customer(session).json());
        deliver("record", "agent-" + session, agent(session).json());

        assertThat(SALESFORCE.records().all(TASK)).hasSize(1);
        assertThat(SALESFORCE.records().get(TASK, session))
                .containsEntry("Status", "Completed")
                .containsEntry(FIELD, links(session));
        // a recording sends its field only: the CDR's fields are never touched by it
        assertThat(SALESFORCE.records().sent(TASK, "TCCC_Session_Id__c", session).stream()
                .filter(record -> record.containsKey(FIELD)).toList()).hasSize(2)
                .allSatisfy(record -> assertThat(record).containsOnlyKeys("TCCC_Session_Id__c", FIELD));
    }

    @Test
    void recordingsBeforeTheCdrWaitForItAndEndOnTheSameTaskWithTheSameLinks() {
        String session = UUID.randomUUID().toString();

        bridge.push("record", "agent-" + session, agent(session).json());
        bridge.push("record", "customer-" + session, customer(session).json());
        // they wait: deferred, not failed, and nothing is written yet
        await().atMost(Duration.ofSeconds(10)).until(() -> deferrals("agent-" + session) >= 2
                && deferrals("customer-" + session) >= 2);
        assertThat(bridge.inboxRow("agent-" + session)).containsEntry("status", "PENDING");
        assertThat((String) bridge.inboxRow("agent-" + session).get("last_error")).contains("waiting for the call's CDR");
        assertThat(SALESFORCE.records().all(TASK)).isEmpty();

        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        bridge.awaitStatus("agent-" + session, "DONE");
        bridge.awaitStatus("customer-" + session, "DONE");

        assertThat(SALESFORCE.records().all(TASK)).hasSize(1);
        assertThat(SALESFORCE.records().get(TASK, session))
                .containsEntry("Status", "Completed")
                .containsEntry(FIELD, links(session));
    }

    @Test
    void repeatedAndResentRecordingPushesChangeNothing() {
        String session = UUID.randomUUID().toString();
        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        deliver("record", "customer-" + session, customer(session).json());
        deliver("record", "agent-" + session, agent(session).json());
        Map<String, Object> task = SALESFORCE.records().get(TASK, session);

        // the same push id again: acknowledged, not stored
        assertThat(bridge.push("record", "agent-" + session, agent(session).json()).body()).contains("\"ErrCode\":0");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox WHERE session_id = ?", Integer.class, session))
                .isEqualTo(3);
        // the same recording under another push id (TCCC retried after a lost answer): the same text
        deliver("record", "customer-again-" + session, customer(session).json());

        assertThat(SALESFORCE.records().all(TASK)).hasSize(1);
        assertThat(SALESFORCE.records().get(TASK, session)).isEqualTo(task);
    }

    @Test
    void transferShowsAllThreeRecordings() {
        String session = UUID.randomUUID().toString();
        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).json());

        // pushed together, delivered in parallel: no worker's write drops another's link
        bridge.push("record", "second-agent-" + session, RecordJson.of(session, "r-3-" + session, 1700000090,
                "lisi@tencent.com", "https://rec.example/" + session + "/lisi.mp3").json());
        bridge.push("record", "agent-" + session, agent(session).json());
        bridge.push("record", "customer-" + session, customer(session).json());
        bridge.awaitStatus("second-agent-" + session, "DONE");
        bridge.awaitStatus("agent-" + session, "DONE");
        bridge.awaitStatus("customer-" + session, "DONE");

        assertThat(SALESFORCE.records().get(TASK, session)).containsEntry(FIELD, links(session)
                + "\nAgent lisi@tencent.com: https://rec.example/" + session + "/lisi.mp3");
    }

    @Test
    void recordingWhoseCdrDoesNotComeInTimeIsWrittenAnywayAndTheLateCdrCompletesTheSameTask() {
        String session = UUID.randomUUID().toString();
        // a recording that has waited out bridge.delivery.await-cdr
        OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
        jdbc.update("""
                INSERT INTO tccc_inbox (push_id, action, sdk_app_id, session_id, record_id, payload, received_at,
                                        status, attempts, next_attempt_at)
                VALUES (?, 'record', 1400264214, ?, ?, ?, ?, 'PENDING', 0, ?)""",
                "customer-" + session, session, "r-1-" + session, customer(session).json(), longAgo, longAgo);
        bridge.awaitStatus("customer-" + session, "DONE");
        assertThat(SALESFORCE.records().get(TASK, session)).containsOnlyKeys("Id", "TCCC_Session_Id__c", FIELD);

        deliver("cdr", "cdr-" + session, CdrJson.sample().session(session).set("Duration", 42).json());

        assertThat(SALESFORCE.records().all(TASK)).hasSize(1);
        assertThat(SALESFORCE.records().get(TASK, session))
                .containsEntry("CallDurationInSeconds", 42)
                .containsEntry("Status", "Completed")
                .containsEntry(FIELD, "Customer +86 184 8614 7605: https://rec.example/" + session + "/customer.mp3");
    }

    private void deliver(String action, String pushId, String json) {
        assertThat(bridge.push(action, pushId, json).statusCode()).isEqualTo(200);
        bridge.awaitStatus(pushId, "DONE");
    }

    private int deferrals(String pushId) {
        return ((Number) bridge.inboxRow(pushId).getOrDefault("deferrals", 0)).intValue();
    }

    static RecordJson customer(String session) {
        return RecordJson.of(session, "r-1-" + session, 1700000000, CUSTOMER,
                "https://tccc.example/" + session + "/customer.mp3")
                .customUrl("https://rec.example/" + session + "/customer.mp3");
    }

    static RecordJson agent(String session) {
        return RecordJson.of(session, "r-2-" + session, 1700000000, AGENT, "https://rec.example/" + session + "/agent.mp3");
    }

    /** The field's text for {@link #customer} and {@link #agent}: same Timestamp, so by RecordId. */
    static String links(String session) {
        return "Customer +86 184 8614 7605: https://rec.example/" + session + "/customer.mp3\n"
                + "Agent zhangsan@tencent.com: https://rec.example/" + session + "/agent.mp3";
    }
}
