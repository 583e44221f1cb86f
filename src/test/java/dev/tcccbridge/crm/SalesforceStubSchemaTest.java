package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.testing.SalesforceStub;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Salesforce stub knows only the fields the shipped metadata declares (and the standard ones
 * the bridge uses): anything else is refused as an org refuses it, even a query a test stubbed.
 */
class SalesforceStubSchemaTest {

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
    void aQueryOfAFieldTheMetadataDoesNotDeclareIsRefusedWithInvalidField() throws Exception {
        HttpResponse<String> declared = get("query", "SELECT Id, Owner.Email FROM Contact WHERE TCCC_Desk_User_Id__c = 'u1'");
        HttpResponse<String> undeclared = get("query", "SELECT Id FROM Contact WHERE Desk_User__c = 'u1'");
        HttpResponse<String> relationship = get("query", "SELECT Id, Account.Tier__c FROM Contact");

        assertThat(declared.statusCode()).isEqualTo(200);
        assertThat(undeclared.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(undeclared.body()).get(0);
        assertThat(error.path("errorCode").asText()).isEqualTo("INVALID_FIELD");
        assertThat(error.path("message").asText()).startsWith("No such column 'Desk_User__c' on entity 'Contact'");
        assertThat(relationship.statusCode()).isEqualTo(400);
        assertThat(relationship.body()).contains("No such column 'Tier__c' on entity 'Account'");
    }

    @Test
    void aFieldOfTheOrgsOwnIsKnownOnceATestSaysSoAndOnlyUntilTheReset() throws Exception {
        SALESFORCE.orgAlsoHas("Account.Tier__c");
        assertThat(get("query", "SELECT Id, Account.Tier__c FROM Contact").statusCode()).isEqualTo(200);

        SALESFORCE.resetRequests();
        assertThat(get("query", "SELECT Id, Account.Tier__c FROM Contact").statusCode()).isEqualTo(400);
    }

    @Test
    void searchesAndWritesAreCheckedToo() throws Exception {
        HttpResponse<String> search = get("search", "FIND {\"18412347605\"} IN PHONE FIELDS RETURNING"
                + " Contact(Id, Name, Fax__c ORDER BY LastModifiedDate DESC LIMIT 5), Lead(Id, Phone)");
        HttpResponse<String> upsert = send("PATCH", "/sobjects/Task/TCCC_Session_Id__c/s-1",
                "{\"Subject\":\"x\",\"TCCC_Sentiment__c\":\"good\"}");
        HttpResponse<String> byNoExternalId = send("PATCH", "/sobjects/Task/Subject/s-1", "{\"Status\":\"Open\"}");
        HttpResponse<String> unknownObject = get("query", "SELECT Id FROM Call_Log__c");
        HttpResponse<String> written = send("PATCH", "/sobjects/Task/TCCC_Session_Id__c/s-1",
                "{\"Subject\":\"x\",\"TCCC_Queue__c\":\"Sales\",\"TCCC_Wait_Seconds__c\":12}");

        assertThat(search.statusCode()).isEqualTo(400);
        assertThat(search.body()).contains("INVALID_FIELD", "Fax__c");
        assertThat(upsert.statusCode()).isEqualTo(400);
        assertThat(upsert.body()).contains("INVALID_FIELD", "No such column 'TCCC_Sentiment__c' on sobject of type Task");
        assertThat(byNoExternalId.statusCode()).isEqualTo(404);
        assertThat(byNoExternalId.body()).contains("NOT_FOUND");
        assertThat(unknownObject.body()).contains("INVALID_TYPE");
        assertThat(written.statusCode()).isEqualTo(201);
        assertThat(SALESFORCE.records().get("Task", "s-1")).containsEntry("TCCC_Queue__c", "Sales");
    }

    private HttpResponse<String> get(String resource, String q) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SALESFORCE.baseUrl() + SALESFORCE.dataPath() + "/" + resource
                + "/?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(SALESFORCE.baseUrl() + SALESFORCE.dataPath() + path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
