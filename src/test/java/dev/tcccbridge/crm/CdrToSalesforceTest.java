package dev.tcccbridge.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.SalesforceDirectory;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * CDR pushes through the real push endpoint, the inbox and delivery, to the real camel-salesforce
 * component talking to a stub of Salesforce that keeps its records: each call session is one Task.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "bridge.crm.time-zone=Asia/Shanghai",
        "bridge.crm.default-owner-id=005000000000099AAA"})
class CdrToSalesforceTest extends SalesforceBridgeTest {

    static final String AGENT_USER_ID = "005000000000042AAA";
    static final String TASK = "Task";
    static final String SESSION_FIELD = "TCCC_Session_Id__c";

    @BeforeEach
    void setUp() {
        directory.user("zhangsan@tencent.com", AGENT_USER_ID);
    }

    @Test
    void cdrPushBecomesOneTaskWithEveryMappedFieldAndPushingItAgainChangesNothing() {
        String session = UUID.randomUUID().toString();
        directory.search("18412347605", SalesforceDirectory.contact("003000000000001AAA", "Li Lei", "MobilePhone",
                "+86 184 1234 7605", "owner@example.com"));
        // 2023-02-23 17:00:00 UTC is already 24 February in Shanghai
        String cdr = CdrJson.sample().session(session).outboundTo("008618412347605")
                .set("StartTimestamp", 1677171600).set("RingTimestamp", 1677171604)
                .set("AcceptTimestamp", 1677171606).set("EndedTimestamp", 1677171670).set("Duration", 64)
                .set("EndStatusString", "numberNotExist")
                .set("IVRKeyPressedEx", List.of(Map.of("Key", "1", "Label", "Very satisfied")))
                .json();

        assertThat(bridge.push("cdr", "push-" + session, cdr).statusCode()).isEqualTo(200);
        bridge.awaitStatus("push-" + session, "DONE");

        assertThat(SALESFORCE.records().all(TASK)).hasSize(1);
        Map<String, Object> task = SALESFORCE.records().get(TASK, session);
        assertThat(task).containsEntry("Subject", "Outbound call to +86 184 1234 7605")
                .containsEntry("TaskSubtype", "Call")
                .containsEntry("CallType", "Outbound")
                .containsEntry("CallDurationInSeconds", 64)
                .containsEntry("CallDisposition", "number does not exist")
                .containsEntry("CallObject", session)
                .containsEntry("ActivityDate", "2023-02-24")
                .containsEntry("Status", "Completed")
                .containsEntry("OwnerId", AGENT_USER_ID)
                .containsEntry("WhoId", "003000000000001AAA")
                // the reportable call data, in the shipped custom fields; the call never queued
                .containsEntry("TCCC_Ring_Seconds__c", 2)
                .containsEntry("TCCC_IVR_Seconds__c", 0)
                .containsEntry("TCCC_Queue__c", "Outbound Consultant")
                .containsEntry("TCCC_Agents__c", "zhangsan@tencent.com")
                .containsEntry("TCCC_Transfer_Count__c", 0)
                .containsEntry("TCCC_Hung_Up_By__c", "Agent")
                .containsEntry("TCCC_End_Status__c", "numberNotExist")
                .containsEntry("TCCC_Customer_Location__c", "Guizhou, Anshun, China (Mobile)")
                .doesNotContainKeys("TCCC_Wait_Seconds__c", "TCCC_Satisfaction_Key__c");
        assertThat((String) task.get("Description"))
                .contains("Outbound call to +86 184 1234 7605")
                .contains("Queue: Outbound Consultant (skill group 2734)")
                .contains("IVR keys: 1 = Very satisfied")
                .contains("zhangsan@tencent.com (miniProgramSeat)")
                .contains("Hung up by: the agent")
                .contains("Customer location: Guizhou, Anshun, China (Mobile)")
                .contains("End status: number does not exist (numberNotExist)");

        // TCCC sends the same push again: nothing new is stored or sent
        assertThat(bridge.push("cdr", "push-" + session, cdr).body()).contains("\"ErrCode\":0");
        // the same CDR under another push id (a retry after a lost answer): the same Task, updated
        bridge.push("cdr", "again-" + session, cdr);
        bridge.awaitStatus("again-" + session, "DONE");

        assertThat(SALESFORCE.records().all(TASK)).hasSize(1);
        assertThat(SALESFORCE.records().get(TASK, session)).isEqualTo(task);
        // one sObject Collections upsert each; the second knew the Task existed and left out TaskSubtype
        SALESFORCE.server().verify(2, patchRequestedFor(urlPathEqualTo(SALESFORCE.dataPath()
                + "/composite/sobjects/Task/" + SESSION_FIELD)));
        List<Map<String, Object>> sent = SALESFORCE.records().sent(TASK, SESSION_FIELD, session);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0)).containsEntry("TaskSubtype", "Call");
        assertThat(sent.get(1)).doesNotContainKey("TaskSubtype").containsEntry("Status", "Completed");
    }

    @Test
    void inboundAndOutboundCallsFindTheirContactByADifferentlyWrittenNumber() {
        String inbound = UUID.randomUUID().toString();
        String outbound = UUID.randomUUID().toString();
        directory.search("18412340011", SalesforceDirectory.contact("003000000000011AAA", "Li Lei", "Phone",
                "+86 184 1234 0011", "owner@example.com"));
        directory.search("4155550100", SalesforceDirectory.contact("003000000000012AAA", "Ann Smith", "Phone",
                "(415) 555-0100", "owner@example.com"));

        bridge.push("cdr", "push-" + inbound, CdrJson.sample().session(inbound).inboundFrom("008618412340011").json());
        bridge.push("cdr", "push-" + outbound, CdrJson.sample().session(outbound).outboundTo("0014155550100").json());
        bridge.awaitStatus("push-" + inbound, "DONE");
        bridge.awaitStatus("push-" + outbound, "DONE");

        assertThat(SALESFORCE.records().get(TASK, inbound)).containsEntry("WhoId", "003000000000011AAA")
                .containsEntry("Subject", "Inbound call from +86 184 1234 0011").containsEntry("CallType", "Inbound");
        assertThat(SALESFORCE.records().get(TASK, outbound)).containsEntry("WhoId", "003000000000012AAA")
                .containsEntry("Subject", "Outbound call to +1 415-555-0100");
        // the number is searched in its national and international forms, escaped for SOSL (with the
        // other call's number when both are delivered together)
        SALESFORCE.server().verify(getRequestedFor(urlPathEqualTo(SALESFORCE.dataPath() + "/search/"))
                .withQueryParam("q", matching("FIND \\{.*\"4155550100\" OR \"\\\\\\+14155550100\".*\\} IN PHONE FIELDS .*")));
    }

    @Test
    void unknownNumberLeavesWhoIdEmptyAndUnknownAgentGetsTheDefaultOwner() {
        String session = UUID.randomUUID().toString();

        bridge.push("cdr", "push-" + session, CdrJson.sample().session(session).inboundFrom("008613900000000")
                .agent("nobody@example.com").json());
        bridge.awaitStatus("push-" + session, "DONE");

        assertThat(SALESFORCE.records().get(TASK, session)).doesNotContainKey("WhoId")
                .containsEntry("OwnerId", "005000000000099AAA");
    }

    @Test
    void severalMatchesTakeTheContactBeforeTheLeadAndIgnoreRecordsWithAnotherNumber() {
        String session = UUID.randomUUID().toString();
        directory.search("13911112222",
                SalesforceDirectory.lead("00Q000000000001AAA", "Lead Wang", "139 1111 2222"),
                // SOSL found it, but its number only shares digits with ours
                SalesforceDirectory.contact("003000000000021AAA", "Other Wang", "Phone", "+44 139 1111 2222",
                        "owner@example.com"),
                SalesforceDirectory.contact("003000000000022AAA", "Wang Fang", "HomePhone", "0086 139-1111-2222",
                        "owner@example.com"));

        bridge.push("cdr", "push-" + session, CdrJson.sample().session(session).inboundFrom("008613911112222").json());
        bridge.awaitStatus("push-" + session, "DONE");

        assertThat(SALESFORCE.records().get(TASK, session)).containsEntry("WhoId", "003000000000022AAA");
    }

    @Test
    void existingTaskIsCompletedByTheCdrWithoutACreateOnlyFieldError() {
        String session = UUID.randomUUID().toString();
        String id = SALESFORCE.records().put(TASK, SESSION_FIELD, session,
                Map.of("Subject", "Call in progress", "Status", "Open", "TaskSubtype", "Call"));

        bridge.push("cdr", "push-" + session, CdrJson.sample().session(session).set("Duration", 42).json());
        bridge.awaitStatus("push-" + session, "DONE");

        assertThat(SALESFORCE.records().all(TASK)).hasSize(1);
        assertThat(SALESFORCE.records().get(TASK, session)).containsEntry("Id", id)
                .containsEntry("Status", "Completed")
                .containsEntry("CallDurationInSeconds", 42)
                .containsEntry("Subject", "Outbound call to 0086184xxxx7605");
        // asked first whether the Task exists: it is updated without TaskSubtype, in one upsert
        SALESFORCE.server().verify(getRequestedFor(urlPathEqualTo(SALESFORCE.dataPath() + "/query/"))
                .withQueryParam("q", containing("FROM Task WHERE " + SESSION_FIELD + " IN ('" + session + "')")));
        assertThat(SALESFORCE.records().sent(TASK, SESSION_FIELD, session)).singleElement()
                .satisfies(record -> assertThat(record).doesNotContainKey("TaskSubtype"));
        SALESFORCE.server().verify(1, patchRequestedFor(urlPathMatching(".*/composite/sobjects/Task/.*")));
    }
}
