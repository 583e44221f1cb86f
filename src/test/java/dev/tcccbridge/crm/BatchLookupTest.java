package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.testing.CdrJson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The owner and customer lookups of a CDR batch, as the route drives them (pending → next →
 * remember), without Salesforce: what they ask, how they split, what they find and cache.
 */
class BatchLookupTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final PushReader READER = new PushReader(JSON);
    static final CrmProperties PROPERTIES = CdrToTaskTest.properties("UTC");

    final OwnerLookup owners = new OwnerLookup(CrmMode.SALESFORCE, PROPERTIES, JSON, new SimpleMeterRegistry());
    final SalesforceCustomerLookup customers = new SalesforceCustomerLookup(new InstanceAt("https://org.example"),
            CrmMode.SALESFORCE, PROPERTIES, JSON, new SimpleMeterRegistry());

    @Test
    void ownersOfABatchAreAskedInOneQueryEachAddressOnceAndAnswersAreCached() {
        CdrBatch batch = batch(call("s1", "Zhang@Example.com", "008613900000001"),
                call("s2", "zhang@example.com", "008613900000001"), call("s3", "li@example.com", "008613900000002"),
                call("s4", "nobody@example.com", "008613900000003"));

        assertThat(owners.pending(batch)).isTrue();
        String soql = owners.next(batch);
        assertThat(soql).isEqualTo("SELECT Id, Email FROM User WHERE IsActive = true AND Email IN"
                + " ('zhang@example.com','li@example.com','nobody@example.com') ORDER BY LastLoginDate DESC NULLS LAST");
        // two users share li's address: the one who logged in last (first in the answer) counts
        owners.remember(users("005A", "ZHANG@example.com", "005B", "li@example.com", "005C", "li@example.com"), batch);

        assertThat(owners.pending(batch)).isFalse();
        assertThat(batch.owner(cdr(batch, "s1"))).contains("005A");
        assertThat(batch.owner(cdr(batch, "s2"))).contains("005A");
        assertThat(batch.owner(cdr(batch, "s3"))).contains("005B");
        assertThat(batch.owner(cdr(batch, "s4"))).isEmpty();
        // the next batch finds them all, "nobody" included, in the cache
        CdrBatch next = batch(call("s5", "li@example.com", null), call("s6", "nobody@example.com", null));
        assertThat(owners.pending(next)).isFalse();
        assertThat(next.owner(cdr(next, "s5"))).contains("005B");
    }

    @Test
    void manyAddressesAreSplitAtOneHundredAQueryAndAnAnswerCutShortIsAskedAgainInSmallerQueries() {
        List<Cdr> calls = IntStream.range(0, 130).mapToObj(i -> call("s" + i, "agent" + i + "@example.com", null)).toList();
        CdrBatch batch = new CdrBatch(calls);

        assertThat(owners.pending(batch)).isTrue();
        assertThat(owners.next(batch).split("','")).hasSize(100);
        // a first page only: the addresses it lacks are asked again, half as many a query
        ObjectNode cut = (ObjectNode) JSON.createObjectNode().put("done", false);
        cut.putArray("records").addObject().put("Id", "005X").put("Email", "agent0@example.com");
        owners.remember(cut.toString(), batch);
        List<Integer> sizes = new ArrayList<>();
        while (owners.pending(batch)) {
            sizes.add(owners.next(batch).split("','").length);
            owners.remember("{\"done\":true,\"records\":[]}", batch);
        }

        assertThat(sizes).containsExactly(50, 50, 29);
        assertThat(batch.owner(calls.get(0))).contains("005X");
    }

    @Test
    void callersOfABatchAreOrEdIntoOneSearchAndEachNumberGetsItsOwnMatch() throws Exception {
        CdrBatch batch = batch(call("s1", null, "008618412347605"), call("s2", null, "0014155550100"),
                call("s3", null, "0086184xxxx7605"), call("s4", null, "008613900000000"));

        assertThat(customers.pending(batch)).isTrue();
        String sosl = customers.next(batch);
        assertThat(sosl).startsWith("FIND {\"18412347605\" OR \"\\+8618412347605\" OR \"4155550100\" OR"
                        + " \"\\+14155550100\" OR \"13900000000\" OR \"\\+8613900000000\"} IN PHONE FIELDS RETURNING Contact(")
                .contains("ORDER BY LastModifiedDate DESC LIMIT 60)")
                .contains("Lead(Id, Name, OwnerId, Owner.Email, Phone, MobilePhone WHERE IsConverted = false");
        customers.remember(search(
                contact("003A", "Phone", "+86 184 1234 7605"),
                lead("00QB", "(415) 555-0100"),
                contact("003C", "MobilePhone", "415-555-0100"),
                // found by the search, but another country's number
                contact("003D", "Phone", "+44 139 0000 0000")), batch);

        assertThat(customers.pending(batch)).isFalse();
        assertThat(batch.customer(cdr(batch, "s1"))).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo("003A");
            assertThat(c.recordUrl()).isEqualTo("https://org.example/003A");
        });
        // a Contact wins over a Lead; a masked number is not looked up; no match is "none"
        assertThat(batch.customer(cdr(batch, "s2"))).map(CrmCustomer::id).contains("003C");
        assertThat(batch.customer(cdr(batch, "s3"))).isEmpty();
        assertThat(batch.customer(cdr(batch, "s4"))).isEmpty();
    }

    @Test
    void searchesStayWithinSalesforcesLimitsAndAFullListIsSearchedAgainForTheNumbersItMayHaveCut() throws Exception {
        List<Cdr> calls = IntStream.range(0, 200)
                .mapToObj(i -> call("s" + i, null, "0086139%08d".formatted(i))).toList();
        CdrBatch batch = new CdrBatch(calls);

        assertThat(customers.pending(batch)).isTrue();
        String first = customers.next(batch);
        String text = first.substring(first.indexOf('{') + 1, first.indexOf('}'));
        assertThat(text.length()).isLessThanOrEqualTo(4000);
        assertThat(SalesforceQueries.fitsInUri(first)).isTrue();
        int asked = text.split(" OR ").length / 2;
        assertThat(asked).isEqualTo(50);
        // the Contact list came back full (20 a number): the numbers without a Contact in it go again
        ArrayNode records = JSON.createArrayNode();
        for (int i = 0; i < 1000; i++) {
            records.add(JSON.readTree(contact("003" + i, "Phone", "+86 139%08d".formatted(i % 10))));
        }
        ObjectNode full = JSON.createObjectNode();
        full.set("searchRecords", records);
        customers.remember(full.toString(), batch);

        assertThat(batch.customer(calls.get(3))).map(CrmCustomer::id).contains("0033");
        int searches = 1;
        while (customers.pending(batch)) {
            String next = customers.next(batch);
            assertThat(next.substring(next.indexOf('{') + 1, next.indexOf('}')).split(" OR ").length / 2)
                    .isLessThanOrEqualTo(25);
            customers.remember("{\"searchRecords\":[]}", batch);
            searches++;
        }
        // the 40 numbers it may have cut off and the 150 not asked yet: 25 a search
        assertThat(searches).isGreaterThan(4);
        assertThat(batch.customer(calls.get(199))).isEmpty();
    }

    @Test
    void dryRunAsksNothingAndFindsNothing() {
        OwnerLookup dryRun = new OwnerLookup(CrmMode.DRY_RUN, PROPERTIES, JSON, new SimpleMeterRegistry());
        CdrBatch batch = batch(call("s1", "zhang@example.com", null));

        assertThat(dryRun.pending(batch)).isFalse();
        assertThat(batch.owner(cdr(batch, "s1"))).isEmpty();
    }

    @Test
    void aSessionPushedTwiceIsOneCallTheLatestCdrCounts() {
        CdrBatch batch = batch(call("s1", "old@example.com", null), call("s2", null, null),
                call("s1", "new@example.com", null));

        assertThat(batch.size()).isEqualTo(2);
        assertThat(batch.calls()).extracting(Cdr::sessionId).containsExactly("s2", "s1");
        assertThat(cdr(batch, "s1").seatUser().mail()).isEqualTo("new@example.com");
    }

    static Cdr call(String session, String agent, String caller) {
        CdrJson json = CdrJson.sample().session(session);
        if (caller != null) {
            json.inboundFrom(caller);
        } else {
            json.inboundFrom("0086184xxxx0000");
        }
        if (agent != null) {
            json.agent(agent);
        } else {
            json.set("SeatUser", null);
        }
        return (Cdr) READER.read(PushAction.CDR, json.json());
    }

    static CdrBatch batch(Cdr... calls) {
        return new CdrBatch(List.of(calls));
    }

    static Cdr cdr(CdrBatch batch, String session) {
        return batch.calls().stream().filter(c -> c.sessionId().equals(session)).findFirst().orElseThrow();
    }

    static String users(String... idAndEmail) {
        ObjectNode answer = JSON.createObjectNode().put("done", true);
        ArrayNode records = answer.putArray("records");
        for (int i = 0; i < idAndEmail.length; i += 2) {
            records.addObject().put("Id", idAndEmail[i]).put("Email", idAndEmail[i + 1]);
        }
        return answer.toString();
    }

    static String search(String... records) {
        return "{\"searchRecords\":[" + String.join(",", records) + "]}";
    }

    static String contact(String id, String field, String phone) {
        return "{\"attributes\":{\"type\":\"Contact\"},\"Id\":\"%s\",\"Name\":\"n\",\"%s\":\"%s\"}"
                .formatted(id, field, phone);
    }

    static String lead(String id, String phone) {
        return "{\"attributes\":{\"type\":\"Lead\"},\"Id\":\"%s\",\"Name\":\"n\",\"Phone\":\"%s\"}".formatted(id, phone);
    }

    /** Links records to an org without a Salesforce session. */
    static final class InstanceAt extends SalesforceReads {
        private final String url;

        InstanceAt(String url) {
            super(null, null, null);
            this.url = url;
        }

        @Override
        public String recordUrl(String id) {
            return url + "/" + id;
        }
    }
}
