package dev.tcccbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.RecordJson;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A call whose pushes were all lost, end to end: reconciliation against the stub of the TCCC API
 * feeds its CDR and recordings, delivery writes them through the real camel-salesforce component
 * to the Salesforce stub, and the pushes that come late after all are duplicates.
 */
class ReconcileToSalesforceTest extends SalesforceBridgeTest {

    static final String FIELD = "TCCC_Recordings__c";

    @DynamicPropertySource
    static void reconcile(DynamicPropertyRegistry registry) {
        ReconcileContract.reconcileWithTheStub(registry);
    }

    @Autowired
    ProducerTemplate camel;

    @BeforeEach
    void resetApi() {
        ReconcileContract.TCCC_API.resetAll();
    }

    @Test
    void aCallWhoseCdrAndRecordingPushesWereLostEndsWithItsTaskAndLinksAndTheLatePushesAreDuplicates() throws Exception {
        String session = UUID.randomUUID().toString();
        ReconcileContract.serveCdrs(ReconcileContract.recorded(session));

        ReconcileRun run = camel.requestBody("direct:reconcile-run", null, ReconcileRun.class);

        assertThat(run).extracting("outcome", "fed", "recordings").containsExactly(ReconcileRun.DONE, 1, 2);
        for (String pushId : List.of("reconcile:cdr:" + session, "reconcile:record:r-" + session + "-customer",
                "reconcile:record:r-" + session + "-agent")) {
            bridge.awaitStatus(pushId, "DONE");
        }
        assertThat(SALESFORCE.records().all("Task")).hasSize(1);
        assertThat(SALESFORCE.records().get("Task", session))
                .containsEntry("Status", "Completed")
                .containsEntry("CallType", "Outbound")
                .containsEntry(FIELD, "Agent zhangsan@tencent.com: https://tccc.example/" + session + "/agent.mp3\n"
                        + "Customer 0086184xxxx7605: https://cos.example/" + session + "/customer.mp3");

        // TCCC's own pushes of the call arrive after all
        String cdr = CdrJson.sample().session(session).set("SdkAppId", ReconcileContract.SDK_APP_ID).json();
        String customer = RecordJson.of(session, "r-" + session + "-customer", 1677140081, "0086184xxxx7605",
                "https://tccc.example/" + session + "/customer.mp3").sdkAppId(ReconcileContract.SDK_APP_ID).json();
        assertThat(bridge.push("cdr", UUID.randomUUID().toString(), cdr).body()).contains("duplicate");
        assertThat(bridge.push("record", UUID.randomUUID().toString(), customer).body()).contains("duplicate");

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox WHERE session_id = ?", Integer.class, session))
                .isEqualTo(3);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM tccc_inbox WHERE session_id = ? AND status <> 'DONE'", Integer.class, session) == 0);
        // the Task written three times (CDR and two recordings), never by the late pushes
        assertThat(SALESFORCE.records().sent("Task", "TCCC_Session_Id__c", session)).hasSize(3);
    }
}
