package dev.tcccbridge.desk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.tcccbridge.testing.SalesforceDirectory;
import dev.tcccbridge.testing.SalesforceStub;
import dev.tcccbridge.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Desk callbacks answered from Salesforce (the real camel-salesforce component against a stub). */
@CamelSpringBootTest
@ExtendWith(OutputCaptureExtension.class)
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.desk.sdk-app-id=1400000001",
        "bridge.desk.token=desk-callback-token",
        "bridge.desk.assignment.group-field=Account.Tier__c",
        "bridge.desk.assignment.group-ids[Gold]=6521",
        "bridge.desk.variables.accountTier=Account.Tier__c",
        "bridge.desk.customer.match-variables=phone,email"})
class DeskCallbacksTest {

    static final SalesforceStub SALESFORCE = new SalesforceStub();
    static final String QUERY_PATH = SALESFORCE.dataPath() + "/query/";
    static final String SELECT = "SELECT Id, Owner.Email, Account.Tier__c, Name FROM Contact"
            + " WHERE TCCC_Desk_User_Id__c = ";
    static final String ORDER = " ORDER BY LastModifiedDate DESC LIMIT 1";

    static final String LI_WEI = """
            {"totalSize":1,"done":true,"records":[{"attributes":{"type":"Contact",
             "url":"/services/data/v62.0/sobjects/Contact/003000000000001AAA"},
             "Id":"003000000000001AAA","Name":"Li Wei 李伟",
             "Owner":{"attributes":{"type":"User"},"Email":"anna.agent@example.com"},
             "Account":{"attributes":{"type":"Account"},"Tier__c":"Gold"}}]}""";
    static final String NO_RECORDS = "{\"totalSize\":0,\"done\":true,\"records\":[]}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        SALESFORCE.register(registry);
    }

    @AfterAll
    static void stop() {
        SALESFORCE.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    DeskCustomers customers;

    @Autowired
    ObjectMapper json;

    DeskClient desk;

    @BeforeEach
    void reset() {
        SALESFORCE.resetRequests();
        // the account tier is a field of the org's own, not of the bridge's metadata
        SALESFORCE.orgAlsoHas("Account.Tier__c");
        customers.forgetAll();
        desk = new DeskClient(port, "1400000001", "desk-callback-token");
        if (!warmedUp) {
            // the first lookups after a start load classes and may miss the time budget (DESK.md):
            // these tests check what is asked and answered, so they begin with a warm bridge
            stubQuery(containing("'warm-up'"), NO_RECORDS);
            for (int i = 0; i < 3; i++) {
                desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("warm-up"));
                customers.forgetAll();
            }
            warmedUp = true;
            SALESFORCE.resetRequests();
            SALESFORCE.orgAlsoHas("Account.Tier__c");
        }
    }

    static boolean warmedUp;

    @Test
    void assignHumanAnswersTheOwnerOfTheCustomersContactAndTheGroupOfItsTier() throws Exception {
        stubQuery(containing("'user517'"), LI_WEI);

        HttpResponse<String> response = desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("user517"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("""
                {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","AgentGroupId":6521,
                 "AgentIdList":["anna.agent@example.com"]}"""));
    }

    @Test
    void interfaceInvocationAnswersTheConfiguredVariablesAsText() throws Exception {
        stubQuery(containing("'user517'"), LI_WEI);

        HttpResponse<String> response = desk.send("Chatbot.InterfaceInvocation",
                DeskClient.interfaceInvocation("user517"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("""
                {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"",
                 "Body":{"customerName":"Li Wei 李伟","ownerEmail":"anna.agent@example.com","accountTier":"Gold"}}"""));
    }

    @Test
    void customerWithoutRecordGetsNoAssignmentAndNoVariables() throws Exception {
        stubQuery(containing("'stranger'"), NO_RECORDS);

        HttpResponse<String> assign = desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("stranger"));
        HttpResponse<String> invoke = desk.send("Chatbot.InterfaceInvocation",
                DeskClient.interfaceInvocation("stranger"));

        assertThat(assign.statusCode()).isEqualTo(200);
        assertThat(json.readTree(assign.body())).isEqualTo(json.readTree("""
                {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"""));
        assertThat(invoke.statusCode()).isEqualTo(200);
        assertThat(json.readTree(invoke.body())).isEqualTo(json.readTree("""
                {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Body":{}}"""));
    }

    @Test
    void bothCommandsForOneUserCostOneCrmQuery() {
        stubQuery(containing("'user517'"), LI_WEI);

        desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("user517"));
        desk.send("Chatbot.InterfaceInvocation", DeskClient.interfaceInvocation("user517"));
        HttpResponse<String> again = desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("user517"));

        assertThat(again.body()).contains("anna.agent@example.com");
        SALESFORCE.server().verify(1, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
    }

    @Test
    void parameterNamesAndCommandsAreMatchedIgnoringCase() throws Exception {
        stubQuery(containing("'user517'"), LI_WEI);
        long now = Instant.now().getEpochSecond();
        String query = "sdkappid=1400000001&CALLBACKCOMMAND=chatbot.onassignagent&contenttype=json"
                + "&requesttime=" + now + "&SIGN=" + DeskClient.sign("desk-callback-token", Long.toString(now));

        HttpResponse<String> response = desk.post(query, DeskClient.assignHuman("user517"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body()).path("AgentIdList").get(0).asText())
                .isEqualTo("anna.agent@example.com");
    }

    @Test
    void userIdWithQuotesAndSoqlKeywordsIsLookedUpLiterally() {
        stubQuery(containing("FROM Contact"), NO_RECORDS);

        HttpResponse<String> response = desk.send("ChatBot.OnAssignHuman",
                DeskClient.assignHuman("x' OR Name != '"));

        assertThat(response.statusCode()).isEqualTo(200);
        SALESFORCE.server().verify(1, getRequestedFor(urlPathEqualTo(QUERY_PATH))
                .withQueryParam("q", equalTo(SELECT + "'x\\' OR Name != \\''" + ORDER)));
    }

    @Test
    void backslashesAndDoubleQuotesInTheUserIdAreEscaped() {
        stubQuery(containing("FROM Contact"), NO_RECORDS);

        desk.send("Chatbot.InterfaceInvocation", DeskClient.interfaceInvocation("a\\' \"b\" LIMIT 100"));

        SALESFORCE.server().verify(1, getRequestedFor(urlPathEqualTo(QUERY_PATH))
                .withQueryParam("q", equalTo(SELECT + "'a\\\\\\' \\\"b\\\" LIMIT 100'" + ORDER)));
    }

    @Test
    void wrongSdkAppidIsRefusedWithoutLookup() throws Exception {
        DeskClient otherApp = new DeskClient(port, "1400000999", "desk-callback-token");

        HttpResponse<String> response = otherApp.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("user517"));

        assertRefused(response);
    }

    @Test
    void missingSignIsRefusedWithoutLookup() throws Exception {
        HttpResponse<String> response = desk.post("SdkAppid=1400000001&CallbackCommand=ChatBot.OnAssignHuman"
                + "&contenttype=json&RequestTime=" + Instant.now().getEpochSecond(), DeskClient.assignHuman("user517"));

        assertRefused(response);
    }

    @Test
    void wrongSignIsRefusedWithoutLookup() throws Exception {
        long now = Instant.now().getEpochSecond();
        HttpResponse<String> response = desk.post("SdkAppid=1400000001&CallbackCommand=ChatBot.OnAssignHuman"
                        + "&RequestTime=" + now + "&Sign=" + DeskClient.sign("another-token", Long.toString(now)),
                DeskClient.assignHuman("user517"));

        assertRefused(response);
    }

    @Test
    void staleSignIsRefusedWithoutLookup() throws Exception {
        long twoMinutesAgo = Instant.now().getEpochSecond() - 120;

        HttpResponse<String> response = desk.post(desk.signedQuery("ChatBot.OnAssignHuman", twoMinutesAgo),
                DeskClient.assignHuman("user517"));

        assertRefused(response);
        assertThat(json.readTree(response.body()).path("ErrorInfo").asText()).contains("RequestTime");
    }

    @Test
    void aReplayedCallbackIsRefusedAndNotLookedUpAgain(CapturedOutput log) throws Exception {
        stubQuery(containing("'user517'"), LI_WEI);
        String query = desk.signedQuery("ChatBot.OnAssignHuman", Instant.now().getEpochSecond());
        String sign = query.replaceAll(".*Sign=", "");
        String body = DeskClient.assignHuman("user517");

        HttpResponse<String> first = desk.post(query, body);
        // forgotten: a copy that got through would ask the CRM again
        customers.forgetAll();
        HttpResponse<String> replayed = desk.post(query, body);
        HttpResponse<String> capitals = desk.post(query.replace(sign, sign.toUpperCase()), body);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json.readTree(first.body()).path("AgentIdList").get(0).asText()).isEqualTo("anna.agent@example.com");
        for (HttpResponse<String> copy : List.of(replayed, capitals)) {
            assertThat(copy.statusCode()).isEqualTo(403);
            assertThat(json.readTree(copy.body())).isEqualTo(json.readTree("""
                    {"ActionStatus":"FAIL","ErrorCode":40304,"ErrorInfo":"this signed callback was received before"}"""));
        }
        SALESFORCE.server().verify(1, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
        // the query string carries the Sign: it never reaches the log
        assertThat(log.getAll()).contains("Desk callback refused with 403: this signed callback was received before")
                .doesNotContain(sign).doesNotContainIgnoringCase(sign);
    }

    @Test
    void unknownCommandIsABadRequest() throws Exception {
        HttpResponse<String> response = desk.send("State.StateChange", "{\"EventTime\":1}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("ActionStatus").asText()).isEqualTo("FAIL");
        assertThat(answer.path("ErrorCode").asInt()).isNotZero();
        assertThat(answer.path("ErrorInfo").asText()).contains("State.StateChange").contains("ChatBot.OnAssignHuman");
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        HttpResponse<String> response = desk.send("ChatBot.OnAssignHuman", "{\"ClientUserId\": \"user517\"");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("ActionStatus").asText()).isEqualTo("FAIL");
        assertThat(answer.path("ErrorCode").asInt()).isNotZero();
        assertThat(answer.path("ErrorInfo").asText()).startsWith("malformed JSON");
        SALESFORCE.server().verify(0, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
    }

    @Test
    void getIsNotAllowed() throws Exception {
        HttpResponse<String> response = desk.get("/desk/callback?" + desk.signedQuery("ChatBot.OnAssignHuman",
                Instant.now().getEpochSecond()));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json.readTree(response.body()).path("ActionStatus").asText()).isEqualTo("FAIL");
        SALESFORCE.server().verify(0, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
    }

    @Test
    void oversizedAndFormBodiesAreRefusedBeforeAnythingIsRead() throws Exception {
        String oversized = DeskClient.assignHuman("x".repeat(300 * 1024));
        String query = desk.signedQuery("ChatBot.OnAssignHuman", Instant.now().getEpochSecond());

        HttpResponse<String> tooLarge = desk.post(query, oversized);
        HttpResponse<String> form = desk.post(query, "ClientUserId=user517", "Content-Type",
                "application/x-www-form-urlencoded");

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json.readTree(tooLarge.body()).path("ActionStatus").asText()).isEqualTo("FAIL");
        assertThat(json.readTree(tooLarge.body()).path("ErrorCode").asInt()).isEqualTo(41300);
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(json.readTree(form.body()).path("ErrorInfo").asText()).contains("application/json");
        SALESFORCE.server().verify(0, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
    }

    @Test
    void answerDoesNotEchoTheRequestHeaders() {
        stubQuery(containing("'user517'"), LI_WEI);

        HttpResponse<String> answered = desk.post(desk.signedQuery("ChatBot.OnAssignHuman",
                Instant.now().getEpochSecond()), DeskClient.assignHuman("user517"), "X-Probe", "echo-me");
        HttpResponse<String> refused = desk.post("SdkAppid=1", "{}", "X-Probe", "echo-me");

        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(answered.headers().map()).doesNotContainKey("x-probe");
        assertThat(refused.headers().map()).doesNotContainKey("x-probe");
    }

    @Test
    void failingCrmGetsTheFallbackAnswerWithErrorCodeZero() throws Exception {
        SALESFORCE.server().stubFor(get(urlPathEqualTo(QUERY_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"down for maintenance\"}]")));

        HttpResponse<String> response = desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("user517"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.readTree(response.body())).isEqualTo(json.readTree("""
                {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":""}"""));
    }

    @Test
    void answersAreCountedByOutcomeInPrometheus() {
        stubQuery(containing("'user517'"), LI_WEI);
        stubQuery(containing("'stranger'"), NO_RECORDS);
        double matched = count("assign_human", "matched");
        double noMatch = count("interface_invocation", "no_match");
        // a refused callback is not read, so its command is unknown
        double refused = count("none", "refused");

        desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("user517"));
        desk.send("Chatbot.InterfaceInvocation", DeskClient.interfaceInvocation("stranger"));
        new DeskClient(port, "1400000001", "wrong-token").send("ChatBot.OnAssignHuman",
                DeskClient.assignHuman("user517"));

        assertThat(count("assign_human", "matched")).isEqualTo(matched + 1);
        assertThat(count("interface_invocation", "no_match")).isEqualTo(noMatch + 1);
        assertThat(count("none", "refused")).isEqualTo(refused + 1);
    }

    @Test
    void chatUserFoundByThePhoneNumberTheBotCollectedIsRoutedToTheOwnerAndLinkedBack() throws Exception {
        stubQuery(containing("'user900'"), NO_RECORDS);
        // the Contact's number as a user typed it in Salesforce; another Contact only shares digits
        SALESFORCE.directory().search("18412347605",
                SalesforceDirectory.contact("003000000000077AAA", "Not Him", "Phone", "+1 218 412 347 605", "x@example.com"),
                SalesforceDirectory.contact("003000000000042AAA", "Li Wei 李伟", "MobilePhone", "(+86) 184-1234-7605",
                        "anna.agent@example.com"));
        String invocation = """
                {"Body":{"SystemClientUserID":"user900","SystemSessionID":"s-900","phone":"184 1234 7605"},
                 "EventTime":1731488371784}""";

        HttpResponse<String> invoke = desk.send("Chatbot.InterfaceInvocation", invocation);
        HttpResponse<String> assign = desk.send("ChatBot.OnAssignHuman", DeskClient.assignHuman("user900"));

        assertThat(json.readTree(invoke.body()).path("Body")).isEqualTo(json.readTree("""
                {"customerName":"Li Wei 李伟","ownerEmail":"anna.agent@example.com"}"""));
        assertThat(json.readTree(assign.body()).path("AgentIdList")).isEqualTo(json.readTree("[\"anna.agent@example.com\"]"));
        // the search asked for the number in both forms, in the phone fields, with the user id field
        SALESFORCE.server().verify(1, getRequestedFor(urlPathEqualTo(SALESFORCE.dataPath() + "/search/"))
                .withQueryParam("q", containing("IN PHONE FIELDS RETURNING Contact(")));
        // linked back, once, after the answer: the next chat of user900 matches by its id
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                SALESFORCE.server().verify(1, patchRequestedFor(urlPathEqualTo(SALESFORCE.dataPath()
                        + "/sobjects/Contact/003000000000042AAA"))
                        .withRequestBody(equalToJson("{\"TCCC_Desk_User_Id__c\":\"user900\"}"))));
        assertThat(SALESFORCE.server().findAll(patchRequestedFor(urlPathMatching(".*/sobjects/Contact/.*")))).hasSize(1);
    }

    @Test
    void aBotVariableThatMatchesNobodyGetsNoAssignmentAndLinksNothing() throws Exception {
        stubQuery(containing("'user901'"), NO_RECORDS);
        String invocation = """
                {"Body":{"SystemClientUserID":"user901","SystemSessionID":"s-901","email":"nobody@example.com"}}""";

        HttpResponse<String> invoke = desk.send("Chatbot.InterfaceInvocation", invocation);

        assertThat(json.readTree(invoke.body())).isEqualTo(json.readTree("""
                {"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","Body":{}}"""));
        SALESFORCE.server().verify(1, getRequestedFor(urlPathEqualTo(SALESFORCE.dataPath() + "/search/"))
                .withQueryParam("q", containing("IN EMAIL FIELDS")));
        SALESFORCE.server().verify(0, patchRequestedFor(urlPathMatching(".*/sobjects/.*")));
    }

    private void assertRefused(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.path("ActionStatus").asText()).isEqualTo("FAIL");
        assertThat(answer.path("ErrorCode").asInt()).isNotZero();
        assertThat(answer.has("AgentIdList")).isFalse();
        SALESFORCE.server().verify(0, getRequestedFor(urlPathEqualTo(QUERY_PATH)));
    }

    private void stubQuery(com.github.tomakehurst.wiremock.matching.StringValuePattern soql, String answer) {
        MappingBuilder query = get(urlPathEqualTo(QUERY_PATH)).withQueryParam("q", soql);
        SALESFORCE.server().stubFor(query.willReturn(aResponse()
                .withHeader("Content-Type", "application/json").withBody(answer)));
    }

    /** The count of answered callbacks with these tags, as Prometheus scrapes it (0 before the first). */
    private double count(String command, String outcome) {
        String scrape = desk.get("/actuator/prometheus").body();
        Matcher m = Pattern.compile("^bridge_desk_callbacks_seconds_count\\{([^}]*)} (\\S+)$", Pattern.MULTILINE)
                .matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains("command=\"" + command + "\"") && m.group(1).contains("outcome=\"" + outcome + "\"")) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
