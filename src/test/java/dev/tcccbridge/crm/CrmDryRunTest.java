package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.RecordJson;
import dev.tcccbridge.testing.TestDatabases;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Without Salesforce credentials the bridge records the requests it would send, and delivers. */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "bridge.recording.archive=true")
class CrmDryRunTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        Bridge.register(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    CustomerLookup customers;
    @Autowired
    CrmMode mode;

    @Test
    void cdrUpsertIsRecordedAsTheExactRequestAndTheRowIsDone() throws Exception {
        String session = UUID.randomUUID().toString();
        Bridge bridge = new Bridge(port, jdbc);

        bridge.push("cdr", "push-" + session, CdrJson.sample().session(session).json());
        bridge.awaitStatus("push-" + session, "DONE");

        Map<String, Object> request = jdbc.queryForMap(
                "SELECT method, path, body FROM crm_dry_run_request WHERE body LIKE ?", "%" + session + "%");
        assertThat(mode).isEqualTo(CrmMode.DRY_RUN);
        assertThat(request.get("method")).isEqualTo("PATCH");
        assertThat(request.get("path")).isEqualTo("/services/data/v56.0/composite/sobjects/Task/TCCC_Session_Id__c");
        JsonNode collection = json.readTree((String) request.get("body"));
        assertThat(collection.path("allOrNone").asBoolean(true)).isFalse();
        JsonNode body = collection.path("records").get(0);
        assertThat(body.path("attributes").path("type").asText()).isEqualTo("Task");
        assertThat(body.path("TCCC_Session_Id__c").asText()).isEqualTo(session);
        assertThat(body.path("Subject").asText()).isEqualTo("Outbound call to 0086184xxxx7605");
        assertThat(body.path("TaskSubtype").asText()).isEqualTo("Call");
        assertThat(body.path("Status").asText()).isEqualTo("Completed");
        // nothing was looked up
        assertThat(body.has("OwnerId")).isFalse();
        assertThat(body.has("WhoId")).isFalse();
    }

    @Test
    void recordingIsRecordedAsTheTaskUpsertAndTheFileItWouldUploadWithoutDownloadingIt() throws Exception {
        String session = UUID.randomUUID().toString();
        Bridge bridge = new Bridge(port, jdbc);

        bridge.push("cdr", "cdr-" + session, CdrJson.sample().session(session).json());
        bridge.awaitStatus("cdr-" + session, "DONE");
        bridge.push("record", "record-" + session, RecordJson.of(session, "r-" + session, 1700000000,
                "zhangsan@tencent.com", "http://recorder.invalid/" + session + ".mp3").json());
        bridge.awaitStatus("record-" + session, "DONE");

        JsonNode upsert = json.readTree(jdbc.queryForObject("SELECT body FROM crm_dry_run_request WHERE body LIKE ?"
                + " AND body LIKE '%TCCC_Recordings__c%'", String.class, "%" + session + "%")).path("records").get(0);
        assertThat(upsert.path("TCCC_Recordings__c").asText())
                .isEqualTo("Agent zhangsan@tencent.com: http://recorder.invalid/" + session + ".mp3");
        // the recording field alone, beside the type and the external id
        assertThat(upsert.size()).isEqualTo(3);
        Map<String, Object> file = jdbc.queryForMap("SELECT method, path, body FROM crm_dry_run_request"
                + " WHERE path LIKE '%/sobjects/ContentVersion' AND body LIKE ?", "%r-" + session + "%");
        assertThat(file.get("method")).isEqualTo("POST");
        assertThat(json.readTree((String) file.get("body")).path("VersionData").asText())
                .contains("not downloaded in dry-run");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM recording_archive WHERE session_id = ?", Integer.class,
                session)).isZero();
    }

    @Test
    void lookupsFindNothingWithoutCallingAnything() {
        assertThat(customers.byPhone("008618412347605")).isEmpty();
    }
}
