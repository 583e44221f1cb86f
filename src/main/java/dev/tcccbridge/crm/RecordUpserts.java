package dev.tcccbridge.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.component.salesforce.api.dto.SaveSObjectResult;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;

/**
 * One run of {@code direct:crm-upsert}: records of one object written by their external id with
 * sObject Collections, at most 200 a request ({@code allOrNone=false}), each record's outcome
 * kept apart, so a record Salesforce refuses never holds up the others.
 *
 * <p>Create-only fields ({@code bridge.crm.salesforce.create-only-fields}, TaskSubtype): Salesforce
 * refuses them when the record exists. When records carry one, a SOQL query per up to 200
 * external ids asks which exist first, and those are sent without them. A record created between
 * that query and the upsert (by another instance, say) is refused for the field alone; it is sent
 * once more without it.
 *
 * <p>One record per external id: given twice, the later fields are laid over the earlier ones.
 */
public final class RecordUpserts {

    /** sObject Collections take at most this many records a request. */
    public static final int MAX_RECORDS = 200;
    static final String CREATE_ONLY_REFUSED = "INVALID_FIELD_FOR_INSERT_UPDATE";

    private final String object;
    private final String externalIdField;
    private final Set<String> createOnlyFields;
    private final boolean single;
    private final Map<String, Map<String, Object>> records = new LinkedHashMap<>();
    private final Deque<String> existenceUnknown = new ArrayDeque<>();
    private final Set<String> existing = new HashSet<>();
    private final Deque<Send> unsent = new ArrayDeque<>();
    private final Map<String, UpsertOutcome> outcomes = new LinkedHashMap<>();
    private List<String> asking = List.of();
    private List<Send> sending = List.of();

    /** A record as it goes: the fields sent, and whether it is the resend without create-only fields. */
    private record Send(String externalId, Map<String, Object> fields, boolean again) {
    }

    /**
     * @param single whether the caller upserts one record and wants its id, or its refusal thrown
     * @throws IllegalArgumentException for records no request can carry (no external id, or the
     *                                  external id field among the fields): no retry helps
     */
    public RecordUpserts(String object, String externalIdField, Collection<String> createOnlyFields,
                         List<CrmRecord> given, boolean single) {
        this.object = object;
        this.externalIdField = externalIdField;
        this.createOnlyFields = Set.copyOf(createOnlyFields);
        this.single = single;
        for (CrmRecord record : given) {
            if (record.externalId() == null || record.externalId().isBlank()) {
                throw new IllegalArgumentException("a record for direct:crm-upsert needs its external id");
            }
            Map<String, Object> fields = new LinkedHashMap<>(record.fields());
            fields.remove(externalIdField);
            records.computeIfAbsent(record.externalId(), id -> new LinkedHashMap<>()).putAll(fields);
        }
        records.forEach((id, fields) -> {
            if (fields.keySet().stream().anyMatch(this.createOnlyFields::contains)) {
                if (SalesforceQueries.quotable(id)) {
                    existenceUnknown.add(id);
                }
            }
            unsent.add(new Send(id, fields, false));
        });
    }

    public String object() {
        return object;
    }

    public String externalIdField() {
        return externalIdField;
    }

    public boolean single() {
        return single;
    }

    /** Whether records carry create-only fields and it is not known yet whether they exist. */
    public boolean existenceUnknown() {
        return !existenceUnknown.isEmpty();
    }

    /** The SOQL query asking which of the next external ids exist (as many as one request takes). */
    public String existenceQuery() {
        List<String> ids = new ArrayList<>(existenceUnknown);
        int count = SalesforceQueries.fitting(ids, MAX_RECORDS, some -> SalesforceQueries.fitsInUri(existenceQuery(some)));
        asking = List.copyOf(ids.subList(0, count));
        asking.forEach(existenceUnknown::remove);
        return existenceQuery(asking);
    }

    String existenceQuery(List<String> ids) {
        return "SELECT " + externalIdField + " FROM " + object + " WHERE " + externalIdField + " IN "
                + SalesforceQueries.inList(ids);
    }

    /** The answer to {@link #existenceQuery()}: the records it lists exist. */
    public void existing(JsonNode answer) {
        for (JsonNode record : answer.path("records")) {
            String id = record.path(externalIdField).asText(null);
            if (asking.contains(id)) {
                existing.add(id);
            }
        }
        asking = List.of();
    }

    /** Whether records are still to be sent. */
    public boolean unsent() {
        return !unsent.isEmpty();
    }

    /** The next request's records (at most 200), create-only fields left out of those that exist. */
    public List<SObjectRecord> nextCollection() {
        List<Send> next = new ArrayList<>();
        while (!unsent.isEmpty() && next.size() < MAX_RECORDS) {
            Send send = unsent.poll();
            Map<String, Object> fields = new LinkedHashMap<>(send.fields());
            if (existing.contains(send.externalId())) {
                fields.keySet().removeAll(createOnlyFields);
            }
            next.add(new Send(send.externalId(), fields, send.again()));
        }
        sending = next;
        return next.stream().map(this::wire).toList();
    }

    /** The records exactly as the request carries them (the external id among the fields). */
    private SObjectRecord wire(Send send) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(externalIdField, send.externalId());
        fields.putAll(send.fields());
        return new SObjectRecord(object, fields);
    }

    /** Salesforce's answer to {@link #nextCollection()}: one result per record, in the order sent. */
    public void results(List<? extends SaveSObjectResult> results) {
        if (results == null || results.size() != sending.size()) {
            throw new IllegalStateException("Salesforce answered " + (results == null ? "no" : results.size())
                    + " results for " + sending.size() + " records");
        }
        for (int i = 0; i < results.size(); i++) {
            Send send = sending.get(i);
            SaveSObjectResult result = results.get(i);
            List<RestError> errors = result.getErrors() == null ? List.of() : result.getErrors();
            Set<String> refusedCreateOnly = refusedCreateOnly(errors, send.fields());
            if (Boolean.TRUE.equals(result.getSuccess())) {
                boolean created = result instanceof UpsertSObjectResult upsert && Boolean.TRUE.equals(upsert.getCreated());
                outcomes.put(send.externalId(), UpsertOutcome.written(result.getId(), created));
            } else if (!send.again() && !refusedCreateOnly.isEmpty()) {
                // created since the existence query: the same record without the refused fields
                existing.add(send.externalId());
                Map<String, Object> fields = new LinkedHashMap<>(send.fields());
                fields.keySet().removeAll(refusedCreateOnly);
                unsent.add(new Send(send.externalId(), fields, true));
            } else {
                outcomes.put(send.externalId(), UpsertOutcome.refused(errors));
            }
        }
        sending = List.of();
    }

    /** Dry-run: the records count as written, without an id. */
    public void sentWithoutAnswer(List<SObjectRecord> sent) {
        sent.forEach(record -> outcomes.put((String) record.fields().get(externalIdField),
                UpsertOutcome.written(null, false)));
        sending = List.of();
    }

    /** Every record's outcome, by external id, in the order given. */
    public Map<String, UpsertOutcome> outcomes() {
        Map<String, UpsertOutcome> ordered = new LinkedHashMap<>();
        records.keySet().forEach(id -> {
            if (outcomes.containsKey(id)) {
                ordered.put(id, outcomes.get(id));
            }
        });
        return ordered;
    }

    /** The create-only fields a refusal names, when they are all it refuses and they were sent. */
    private Set<String> refusedCreateOnly(List<RestError> errors, Map<String, Object> sent) {
        Set<String> refused = new TreeSet<>();
        for (RestError error : errors) {
            List<String> fields = error.getFields() == null ? List.of() : error.getFields();
            if (!CREATE_ONLY_REFUSED.equals(error.getErrorCode()) || fields.isEmpty()
                    || !fields.stream().allMatch(f -> createOnlyFields.contains(f) && sent.containsKey(f))) {
                return Set.of();
            }
            refused.addAll(fields);
        }
        return refused;
    }
}
