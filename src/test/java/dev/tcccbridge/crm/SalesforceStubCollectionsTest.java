package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcccbridge.testing.SalesforceStub;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Salesforce stub refuses what Salesforce refuses, so that tests against it cannot pass with
 * requests the real org would not take: sObject Collections' shape and limits, per-record results,
 * and the usage header on every answer.
 */
class SalesforceStubCollectionsTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @BeforeEach
    void reset() {
        SALESFORCE.resetRequests();
    }

    @Test
    void twoHundredRecordsAreTakenWithOneResultEachAndTheTwoHundredAndFirstIsRefused() throws Exception {
        HttpResponse<String> taken = upsert(collection(200, false));
        HttpResponse<String> refused = upsert(collection(201, false));

        assertThat(taken.statusCode()).isEqualTo(200);
        JsonNode results = JSON.readTree(taken.body());
        assertThat(results).hasSize(200);
        assertThat(results.get(0).path("success").asBoolean()).isTrue();
        assertThat(results.get(0).path("created").asBoolean()).isTrue();
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("EXCEEDED_ID_LIMIT");
        assertThat(SALESFORCE.records().all("Task")).hasSize(200);
    }

    @Test
    void eachRecordIsAnsweredOnItsOwnAndAllOrNoneRollsEveryoneBack() throws Exception {
        SALESFORCE.records().put("Task", "TCCC_Session_Id__c", "s-0", Map.of("Status", "Open"));
        ObjectNode body = collection(3, false);
        ArrayNode records = (ArrayNode) body.get("records");
        // create-only on an existing record; a duplicate external id; a record without one
        records.add(JSON.createObjectNode().put("TCCC_Session_Id__c", "s-2").put("Subject", "again"));
        ((ObjectNode) records.get(3)).putObject("attributes").put("type", "Task");
        records.addObject().putObject("attributes").put("type", "Task");

        JsonNode results = JSON.readTree(upsert(body).body());

        assertThat(results.get(0).path("errors").get(0).path("statusCode").asText())
                .isEqualTo("INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(results.get(1).path("success").asBoolean()).isTrue();
        assertThat(results.get(2).path("errors").get(0).path("statusCode").asText()).isEqualTo("DUPLICATE_EXTERNAL_ID");
        assertThat(results.get(3).path("errors").get(0).path("statusCode").asText()).isEqualTo("DUPLICATE_EXTERNAL_ID");
        assertThat(results.get(4).path("errors").get(0).path("statusCode").asText()).isEqualTo("MISSING_ARGUMENT");

        JsonNode rolledBack = JSON.readTree(upsert(collection(3, true)).body());
        assertThat(rolledBack.get(2).path("errors").get(0).path("statusCode").asText())
                .isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(SALESFORCE.records().get("Task", "s-2")).isNull();
    }

    @Test
    void recordsNeedTheTypeOfTheUriAndAnswersCarryTheApiUsage() throws Exception {
        SALESFORCE.apiUsage(41, 15000);
        ObjectNode body = collection(1, false);
        ((ObjectNode) body.get("records").get(0)).putObject("attributes").put("type", "Contact");

        HttpResponse<String> answer = upsert(body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("INVALID_TYPE");
        assertThat(answer.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=42/15000");
        HttpResponse<String> query = http.send(HttpRequest.newBuilder(URI.create(SALESFORCE.baseUrl()
                + SALESFORCE.dataPath() + "/query/?q=" + URLEncoder.encode("SELECT Id FROM User", StandardCharsets.UTF_8)
                )).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(query.headers().firstValue("Sforce-Limit-Info")).contains("api-usage=43/15000");
    }

    @Test
    void aUsedUpAllowanceIsRefusedAndAnOverlongQueryToo() throws Exception {
        SALESFORCE.apiUsage(15000, 15000);
        assertThat(upsert(collection(1, false)).body()).contains("REQUEST_LIMIT_EXCEEDED");
        assertThat(SALESFORCE.records().all("Task")).isEmpty();

        SALESFORCE.apiUsage(0, 15000);
        String soql = "SELECT Id FROM Task WHERE Subject IN ('" + "x".repeat(17_000) + "')";
        HttpResponse<String> tooLong = http.send(HttpRequest.newBuilder(URI.create(SALESFORCE.baseUrl()
                + SALESFORCE.dataPath() + "/query/?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLong.statusCode()).isEqualTo(414);
    }

    private static ObjectNode collection(int size, boolean allOrNone) {
        ObjectNode body = JSON.createObjectNode().put("allOrNone", allOrNone);
        ArrayNode records = body.putArray("records");
        for (int i = 0; i < size; i++) {
            ObjectNode record = records.addObject();
            record.putObject("attributes").put("type", "Task");
            record.put("TCCC_Session_Id__c", "s-" + i).put("Subject", "call " + i).put("TaskSubtype", "Call");
        }
        return body;
    }

    private HttpResponse<String> upsert(ObjectNode body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SALESFORCE.baseUrl() + SALESFORCE.dataPath()
                        + "/composite/sobjects/Task/TCCC_Session_Id__c"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
