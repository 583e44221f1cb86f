package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.junit.jupiter.api.Test;

/** One run of direct:crm-upsert without Salesforce: what each request carries, and each record's outcome. */
class RecordUpsertsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String FIELD = "TCCC_Session_Id__c";

    @Test
    void recordsGoTwoHundredARequestWithTheirTypeAndExternalIdAndEachOutcomeIsKept() {
        List<CrmRecord> records = IntStream.range(0, 450)
                .mapToObj(i -> new CrmRecord("s-" + i, Map.of("Subject", "call " + i))).toList();
        RecordUpserts upserts = new RecordUpserts("Task", FIELD, List.of("TaskSubtype"), records, false);

        List<Integer> sizes = new ArrayList<>();
        while (upserts.unsent()) {
            List<SObjectRecord> sent = upserts.nextCollection();
            sizes.add(sent.size());
            assertThat(sent).allSatisfy(record -> assertThat(record.getAttributes().getType()).isEqualTo("Task"));
            upserts.results(sent.stream().map(r -> written("00T" + r.fields().get(FIELD), true)).toList());
        }

        assertThat(sizes).containsExactly(200, 200, 50);
        assertThat(upserts.outcomes()).hasSize(450);
        assertThat(upserts.outcomes().get("s-449")).isEqualTo(UpsertOutcome.written("00Ts-449", true));
        assertThat(upserts.existenceUnknown()).isFalse();
    }

    @Test
    void existingRecordsAreSentWithoutCreateOnlyFieldsNewOnesWithThem() throws Exception {
        RecordUpserts upserts = new RecordUpserts("Task", FIELD, List.of("TaskSubtype"), List.of(
                new CrmRecord("new", Map.of("TaskSubtype", "Call", "Status", "Completed")),
                new CrmRecord("old", Map.of("TaskSubtype", "Call", "Status", "Completed"))), false);

        assertThat(upserts.existenceUnknown()).isTrue();
        assertThat(upserts.existenceQuery())
                .isEqualTo("SELECT TCCC_Session_Id__c FROM Task WHERE TCCC_Session_Id__c IN ('new','old')");
        assertThat(upserts.existenceUnknown()).isFalse();
        upserts.existing(JSON.readTree("{\"records\":[{\"attributes\":{\"type\":\"Task\"},\"Id\":\"00T1\","
                + "\"TCCC_Session_Id__c\":\"old\"}]}"));
        List<SObjectRecord> sent = upserts.nextCollection();

        assertThat(sent.get(0).fields()).containsEntry(FIELD, "new").containsEntry("TaskSubtype", "Call");
        assertThat(sent.get(1).fields()).containsEntry(FIELD, "old").doesNotContainKey("TaskSubtype")
                .containsEntry("Status", "Completed");
        // the component's own JSON: the type and our fields, nothing of its base class
        assertThat(JSON.readTree(org.apache.camel.component.salesforce.api.utils.JsonUtils.createObjectMapper()
                .writeValueAsString(sent.get(1))).toString())
                .isEqualTo("{\"attributes\":{\"referenceId\":null,\"type\":\"Task\",\"url\":null},"
                        + "\"TCCC_Session_Id__c\":\"old\",\"Status\":\"Completed\"}");
    }

    @Test
    void recordCreatedSinceTheQueryGoesOnceMoreWithoutTheRefusedFieldOthersAreNotResent() {
        RecordUpserts upserts = new RecordUpserts("Task", FIELD, List.of("TaskSubtype"), List.of(
                new CrmRecord("raced", Map.of("TaskSubtype", "Call", "Subject", "a")),
                new CrmRecord("fine", Map.of("TaskSubtype", "Call", "Subject", "b")),
                new CrmRecord("invalid", Map.of("TaskSubtype", "Call", "Subject", "c"))), false);
        upserts.existenceQuery();
        upserts.existing(JSON.createObjectNode());

        upserts.nextCollection();
        upserts.results(List.of(
                refused("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: TaskSubtype", "TaskSubtype"),
                written("00T2", true),
                refused("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Calls need a queue")));
        List<SObjectRecord> again = upserts.nextCollection();

        assertThat(again).singleElement().satisfies(record -> assertThat(record.fields())
                .containsEntry(FIELD, "raced").containsEntry("Subject", "a").doesNotContainKey("TaskSubtype"));
        upserts.results(List.of(written("00T1", false)));
        assertThat(upserts.unsent()).isFalse();
        Map<String, UpsertOutcome> outcomes = upserts.outcomes();
        assertThat(outcomes.keySet()).containsExactly("raced", "fine", "invalid");
        assertThat(outcomes.get("raced").isWritten()).isTrue();
        assertThat(outcomes.get("invalid").isWritten()).isFalse();
        assertThat(outcomes.get("invalid").refusal().getErrors()).extracting(RestError::getErrorCode)
                .containsExactly("FIELD_CUSTOM_VALIDATION_EXCEPTION");
        assertThat(outcomes.get("invalid").refusal().getStatusCode()).isEqualTo(400);
    }

    @Test
    void aRefusalOfTheResendIsFinalAndOtherFieldsRefusedAreNotRetriedWithout() {
        RecordUpserts upserts = new RecordUpserts("Task", FIELD, List.of("TaskSubtype"), List.of(
                new CrmRecord("a", Map.of("TaskSubtype", "Call", "OwnerId", "005x"))), false);
        upserts.existenceQuery();
        upserts.existing(JSON.createObjectNode());
        upserts.nextCollection();
        upserts.results(List.of(refused("INVALID_FIELD_FOR_INSERT_UPDATE", "no", "TaskSubtype")));
        upserts.nextCollection();
        upserts.results(List.of(refused("INVALID_FIELD_FOR_INSERT_UPDATE", "no", "TaskSubtype")));

        assertThat(upserts.unsent()).isFalse();
        assertThat(upserts.outcomes().get("a").isWritten()).isFalse();

        RecordUpserts other = new RecordUpserts("Task", FIELD, List.of("TaskSubtype"), List.of(
                new CrmRecord("b", Map.of("TaskSubtype", "Call", "OwnerId", "005x"))), false);
        other.existenceQuery();
        other.existing(JSON.createObjectNode());
        other.nextCollection();
        other.results(List.of(refused("INVALID_FIELD_FOR_INSERT_UPDATE", "no", "OwnerId")));
        assertThat(other.unsent()).isFalse();
        assertThat(other.outcomes().get("b").isWritten()).isFalse();
    }

    @Test
    void oneRecordPerExternalIdTheLaterFieldsWinAndTheExternalIdNeverTravelsTwice() {
        RecordUpserts upserts = new RecordUpserts("Task", FIELD, List.of(), List.of(
                new CrmRecord("s", Map.of("Subject", "first", "Status", "Open")),
                new CrmRecord("s", Map.of("Subject", "second", FIELD, "other"))), false);

        List<SObjectRecord> sent = upserts.nextCollection();

        assertThat(sent).singleElement().satisfies(record -> assertThat(record.fields())
                .containsExactlyInAnyOrderEntriesOf(Map.of(FIELD, "s", "Subject", "second", "Status", "Open")));
        assertThat(upserts.existenceUnknown()).isFalse();
    }

    @Test
    void existenceIsAskedTwoHundredIdsAtMostAndWithinTheUriLimit() {
        List<CrmRecord> records = IntStream.range(0, 450).mapToObj(i -> new CrmRecord(
                "%036d".formatted(i), Map.<String, Object>of("TaskSubtype", "Call"))).toList();
        RecordUpserts upserts = new RecordUpserts("Task", FIELD, List.of("TaskSubtype"), records, false);

        List<String> queries = new ArrayList<>();
        while (upserts.existenceUnknown()) {
            queries.add(upserts.existenceQuery());
            upserts.existing(JSON.createObjectNode());
        }

        assertThat(queries).hasSize(3).allSatisfy(q -> assertThat(SalesforceQueries.fitsInUri(q)).isTrue());
        assertThat(queries.get(0).split("','")).hasSize(200);
    }

    @Test
    void answersThatDoNotMatchTheRequestAndRecordsWithoutExternalIdAreRefused() {
        RecordUpserts upserts = new RecordUpserts("Task", FIELD, List.of(), List.of(
                new CrmRecord("a", Map.of("Subject", "x")), new CrmRecord("b", Map.of("Subject", "y"))), false);
        upserts.nextCollection();

        assertThatThrownBy(() -> upserts.results(List.of(written("1", true))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 results for 2 records");
        assertThatThrownBy(() -> new RecordUpserts("Task", FIELD, List.of(), List.of(
                new CrmRecord(" ", Map.of())), true)).isInstanceOf(IllegalArgumentException.class);
    }

    static UpsertSObjectResult written(String id, boolean created) {
        UpsertSObjectResult result = new UpsertSObjectResult();
        result.setId(id);
        result.setSuccess(true);
        result.setCreated(created);
        result.setErrors(List.of());
        return result;
    }

    static UpsertSObjectResult refused(String code, String message, String... fields) {
        UpsertSObjectResult result = new UpsertSObjectResult();
        result.setSuccess(false);
        result.setErrors(List.of(new RestError(code, message, List.of(fields))));
        return result;
    }
}
