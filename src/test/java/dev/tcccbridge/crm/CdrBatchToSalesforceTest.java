package dev.tcccbridge.crm;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tcccbridge.tccc.PushIntake;
import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.SalesforceDirectory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * CDRs that wait in the inbox together go to Salesforce together: lookups for the whole batch,
 * one sObject Collections upsert, and each row finished by its own record's result.
 */
class CdrBatchToSalesforceTest extends SalesforceBridgeTest {

    static final String TASK = "Task";
    static final String FIELD = "TCCC_Session_Id__c";

    @Autowired
    CamelContext camel;

    @Test
    void mixedBatchEndsWithValidRowsDoneTheRefusedOneDeadAndTheExistingTaskUpdatedWithoutTaskSubtype() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> valid = List.of(run + "-a", run + "-b", run + "-c");
        String refused = run + "-refused";
        String existing = run + "-existing";
        // addresses and numbers of this test alone: nothing of them is cached yet
        String zhang = "zhang-" + run + "@example.com";
        String li = "li-" + run + "@example.com";
        String[] numbers = {number(), number(), number()};
        directory.user(zhang, "005000000000001ZAA");
        directory.user(li, "005000000000002LAA");
        directory.search(numbers[0], SalesforceDirectory.contact("003000000000101AAA", "Wang Fang", "MobilePhone",
                "+86 " + numbers[0], "owner@example.com"));
        directory.search(numbers[1], SalesforceDirectory.lead("00Q000000000102AAA", "Lead Li", numbers[1]));
        SALESFORCE.records().refuse(refused, "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Calls need a queue");
        String existingId = SALESFORCE.records().put(TASK, FIELD, existing,
                Map.of("Subject", "Call in progress", "Status", "Open", "TaskSubtype", "Call"));

        whileDeliveryStopped(() -> {
            push(valid.get(0), zhang, "0086" + numbers[0]);
            push(valid.get(1), li, "0086" + numbers[1]);
            push(valid.get(2), zhang, "0086" + numbers[2]);
            push(refused, li, "0086" + numbers[0]);
            push(existing, zhang, "0086" + numbers[1]);
        });
        valid.forEach(session -> bridge.awaitStatus("cdr-" + session, "DONE"));
        Map<String, Object> dead = bridge.awaitStatus("cdr-" + refused, "DEAD");
        bridge.awaitStatus("cdr-" + existing, "DONE");

        // each row by its own record: the refusal did not hold up, fail or repeat the others
        valid.forEach(session -> assertThat(bridge.inboxRow("cdr-" + session)).containsEntry("attempts", 1));
        assertThat((String) dead.get("last_error")).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION: Calls need a queue");
        assertThat(dead.get("attempts")).isEqualTo(1);
        for (String session : List.of(valid.get(0), valid.get(1), valid.get(2), refused, existing)) {
            assertThat(SALESFORCE.records().sent(TASK, FIELD, session)).as("sent once: %s", session).hasSize(1);
        }
        assertThat(SALESFORCE.records().sent(TASK, FIELD, existing).get(0)).doesNotContainKey("TaskSubtype");
        assertThat(SALESFORCE.records().get(TASK, existing)).containsEntry("Id", existingId)
                .containsEntry("Status", "Completed").containsEntry("OwnerId", "005000000000001ZAA")
                .containsEntry("WhoId", "00Q000000000102AAA");
        assertThat(SALESFORCE.records().get(TASK, valid.get(0))).containsEntry("TaskSubtype", "Call")
                .containsEntry("OwnerId", "005000000000001ZAA").containsEntry("WhoId", "003000000000101AAA");
        assertThat(SALESFORCE.records().get(TASK, valid.get(1))).containsEntry("OwnerId", "005000000000002LAA")
                .containsEntry("WhoId", "00Q000000000102AAA");
        assertThat(SALESFORCE.records().get(TASK, valid.get(2))).doesNotContainKey("WhoId");
        assertThat(SALESFORCE.records().get(TASK, refused)).isNull();

        // five CDRs, four calls: owners, customers, which Tasks exist, and the upsert
        SALESFORCE.server().verify(1, patchRequestedFor(urlPathEqualTo(SALESFORCE.dataPath()
                + "/composite/sobjects/Task/" + FIELD)));
        List<String> queries = SALESFORCE.server().findAll(getRequestedFor(urlPathEqualTo(SALESFORCE.dataPath()
                + "/query/"))).stream().map(r -> r.queryParameter("q").firstValue()).toList();
        assertThat(queries).hasSize(2);
        assertThat(queries.get(0)).contains("FROM User WHERE IsActive = true AND Email IN ('" + zhang + "','" + li
                + "')");
        assertThat(queries.get(1)).contains("FROM Task WHERE " + FIELD + " IN (").contains(existing);
        List<LoggedRequest> searches = SALESFORCE.server().findAll(getRequestedFor(urlPathEqualTo(
                SALESFORCE.dataPath() + "/search/")));
        assertThat(searches).singleElement().satisfies(search -> assertThat(search.queryParameter("q").firstValue())
                .contains("{\"" + numbers[0] + "\" OR \"\\+86" + numbers[0] + "\" OR \"" + numbers[1] + "\"")
                .contains("\"\\+86" + numbers[2] + "\"}"));
        assertThat(SALESFORCE.apiCallsMade()).isEqualTo(4);
    }

    @Test
    void aLockedRowIsRetriedForItsRecordAloneAndTheLookupsAreNotRepeated() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String locked = run + "-locked";
        String other = run + "-other";
        String agent = "zhang-" + run + "@example.com";
        String customer = "0086" + number();
        directory.user(agent, "005000000000001ZAA");
        SALESFORCE.records().refuse(locked, "UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record", 1);

        whileDeliveryStopped(() -> {
            push(locked, agent, customer);
            push(other, agent, customer);
        });
        Map<String, Object> retried = bridge.awaitStatus("cdr-" + locked, "DONE");

        assertThat(retried.get("attempts")).isEqualTo(2);
        assertThat((String) retried.get("last_error")).contains("UNABLE_TO_LOCK_ROW");
        assertThat(bridge.inboxRow("cdr-" + other)).containsEntry("status", "DONE").containsEntry("attempts", 1);
        assertThat(SALESFORCE.records().sent(TASK, FIELD, locked)).hasSize(2);
        assertThat(SALESFORCE.records().sent(TASK, FIELD, other)).hasSize(1);
        // the retry found the agent and the number in the cache
        SALESFORCE.server().verify(1, getRequestedFor(urlPathEqualTo(SALESFORCE.dataPath() + "/search/")));
        assertThat(SALESFORCE.server().findAll(getRequestedFor(urlPathEqualTo(SALESFORCE.dataPath() + "/query/")))
                .stream().filter(q -> q.queryParameter("q").firstValue().contains("FROM User"))).hasSize(1);
        SALESFORCE.server().verify(2, patchRequestedFor(urlPathMatching(".*/composite/sobjects/Task/.*")));
    }

    @Test
    void aFullBatchOfTheLongestSessionIdsGoesInOneUpsertAndItsLookupsFitWhatSalesforceAndTheClientTake()
            throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> sessions = new ArrayList<>();
        whileDeliveryStopped(() -> {
            for (int i = 0; i < RecordUpserts.MAX_RECORDS; i++) {
                // the longest SessionId a push may have
                String session = (run + "-" + i + "-" + "x".repeat(64)).substring(0, PushIntake.MAX_SESSION_ID_LENGTH);
                sessions.add(session);
                push(session, "agent-" + i % 100 + "-" + run + "@a-rather-long-domain.example.com", "0086" + number());
            }
        });
        sessions.forEach(session -> bridge.awaitStatus("cdr-" + session, "DONE"));

        SALESFORCE.server().verify(1, patchRequestedFor(urlPathMatching(".*/composite/sobjects/Task/.*")));
        List<LoggedRequest> lookups = SALESFORCE.server().findAll(getRequestedFor(urlPathMatching(
                SALESFORCE.dataPath() + "/(query|search)/")));
        assertThat(lookups).allSatisfy(lookup -> assertThat(lookup.getUrl().length()).isLessThanOrEqualTo(10_100));
        // owners 100 a query, customers 50 a search, existence as many ids as fit
        assertThat(lookups.stream().filter(l -> l.getUrl().contains("FROM%20User"))).hasSize(1);
        assertThat(lookups.stream().filter(l -> l.getUrl().contains("/search/"))).hasSize(4);
        assertThat(lookups.stream().filter(l -> l.getUrl().contains("FROM%20Task"))).hasSize(2);
    }

    /** A Chinese mobile number no other test uses, national form: 184 and 8 random digits. */
    private static String number() {
        return "184" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private void push(String session, String agent, String customer) {
        assertThat(bridge.push("cdr", "cdr-" + session, CdrJson.sample().session(session).inboundFrom(customer)
                .agent(agent).json()).statusCode()).isEqualTo(200);
    }

    /** The pushes wait in the inbox until delivery runs again, so that one claim takes them all. */
    private void whileDeliveryStopped(Runnable pushes) throws Exception {
        camel.getRouteController().stopRoute("inbox-poll");
        try {
            pushes.run();
        } finally {
            camel.getRouteController().startRoute("inbox-poll");
        }
    }
}
