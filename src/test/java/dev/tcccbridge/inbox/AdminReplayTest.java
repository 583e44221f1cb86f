package dev.tcccbridge.inbox;

import static dev.tcccbridge.testing.InboxRows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Replaying what was delivered wrongly: rows marked done while the bridge ran in CRM dry-run
 * (their requests recorded, nothing sent) reach Salesforce once replayed through the admin API.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdminReplayTest extends SalesforceBridgeTest {

    @Test
    void aRowDeliveredInDryRunIsReplayedBySessionAndReachesSalesforceOnceAndTheReplayIsAudited(CapturedOutput log) {
        String session = UUID.randomUUID().toString();
        // as dry-run left it: done, its request recorded instead of sent, nothing in Salesforce
        row("dry-" + session).session(session).payload(CdrJson.sample().session(session).json())
                .receivedAt(OffsetDateTime.now(ZoneOffset.UTC).minusHours(3)).insert(jdbc);
        jdbc.update("INSERT INTO crm_dry_run_request (method, path, body, recorded_at) VALUES ('PATCH', ?, '{}', ?)",
                "/services/data/v62.0/composite/sobjects/Task/TCCC_Session_Id__c", OffsetDateTime.now(ZoneOffset.UTC));
        assertThat(SALESFORCE.records().get("Task", session)).isNull();

        HttpResponse<String> answer = bridge.admin("POST", "/admin/inbox/replay?session=" + session);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(answer.body()).contains("\"replayed\":1").contains(session);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DONE".equals(bridge.inboxRow("dry-" + session).get("status"))
                && bridge.inboxRow("dry-" + session).get("replayed_at") != null);
        assertThat(SALESFORCE.records().get("Task", session)).containsEntry("Status", "Completed");
        assertThat(SALESFORCE.records().sent("Task", "TCCC_Session_Id__c", session)).hasSize(1);
        assertThat(log.getAll()).contains("admin \"admin\" from 127.0.0.1: replayed 1 delivered or dead inbox rows"
                + " of session " + session + ", action any");
    }

    @Test
    void aTimeRangeOfOneActionIsReplayedAndABadRequestIsRefusedWithTheReason() {
        String session = UUID.randomUUID().toString();
        OffsetDateTime arrived = OffsetDateTime.parse("2020-01-05T08:30:00Z");
        row("range-" + session).session(session).payload(CdrJson.sample().session(session).json())
                .receivedAt(arrived).insert(jdbc);

        HttpResponse<String> answer = bridge.admin("POST", "/admin/inbox/replay?action=cdr&from="
                + encode("2020-01-05T08:00:00Z") + "&to=" + encode("2020-01-05T17:00:00+08:00"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(answer.body()).contains("\"replayed\":1").contains("\"action\":\"cdr\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> SALESFORCE.records().get("Task", session) != null);

        HttpResponse<String> bad = bridge.admin("POST", "/admin/inbox/replay?from=yesterday&to=today");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("from is not an ISO-8601 time");
        assertThat(bridge.admin("POST", "/admin/inbox/" + bridge.inboxRow("range-" + session).get("id") + "/replay")
                .body()).as("one row by id: dead rows only").contains("only dead rows are replayed");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
