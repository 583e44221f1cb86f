package dev.tcccbridge.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.UpsertSObjectResult;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCollection;
import org.apache.camel.component.salesforce.api.utils.JsonUtils;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code direct:crm-upsert} (routes/crm-salesforce.camel.yaml): CRM records written by
 * their external id, whether they exist or not, so that sending them again never makes a second
 * record. Every record goes by sObject Collections ({@link RecordUpserts}), one request per 200.
 *
 * <p>The caller sets the headers {@code CrmObject} and {@code CrmExternalIdField}, and sends either
 * a {@code List} of {@link CrmRecord}s (answered with each record's {@link UpsertOutcome} by
 * external id) or the {@code Map} of fields of one record whose external id is in the header
 * {@code CrmExternalIdValue} (answered with the record's id, null in dry-run; Salesforce's refusal
 * is thrown, as a single upsert's would be).
 */
@Component
public class CrmUpsert {

    /** Headers of direct:crm-upsert. */
    public static final String OBJECT = "CrmObject";
    public static final String EXTERNAL_ID_FIELD = "CrmExternalIdField";
    public static final String EXTERNAL_ID_VALUE = "CrmExternalIdValue";
    /** The exchange variable holding the run's {@link RecordUpserts}. */
    public static final String UPSERTS = "crmUpserts";

    private final ObjectMapper objectMapper;
    private final ObjectMapper salesforceMapper = JsonUtils.createObjectMapper();
    private final CrmMode mode;
    private final List<String> createOnlyFields;
    private final DryRunRequests dryRunRequests;
    private final String apiVersion;

    public CrmUpsert(ObjectMapper objectMapper, CrmMode mode, CrmProperties properties, DryRunRequests dryRunRequests,
                     Environment environment) {
        this.objectMapper = objectMapper;
        this.mode = mode;
        this.createOnlyFields = List.copyOf(properties.salesforce().createOnlyFields());
        this.dryRunRequests = dryRunRequests;
        this.apiVersion = environment.getProperty("camel.component.salesforce.api-version",
                SalesforceEndpointConfig.DEFAULT_VERSION);
    }

    /**
     * The run's records, from the body and headers.
     *
     * @throws IllegalArgumentException when the object, the external id or the records are missing: no retry helps
     */
    public RecordUpserts prepare(@Body Object body, @Header(OBJECT) String object,
                                 @Header(EXTERNAL_ID_FIELD) String externalIdField,
                                 @Header(EXTERNAL_ID_VALUE) String externalIdValue) {
        require(object, OBJECT);
        require(externalIdField, EXTERNAL_ID_FIELD);
        if (body instanceof Map<?, ?> fields) {
            require(externalIdValue, EXTERNAL_ID_VALUE);
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) fields;
            return new RecordUpserts(object, externalIdField, createOnlyFields,
                    List.of(new CrmRecord(externalIdValue, typed)), true);
        }
        if (body instanceof List<?> list && list.stream().allMatch(CrmRecord.class::isInstance)) {
            return new RecordUpserts(object, externalIdField, createOnlyFields,
                    list.stream().map(CrmRecord.class::cast).toList(), false);
        }
        throw new IllegalArgumentException("direct:crm-upsert needs a body of CRM fields (a Map) or of records"
                + " (a List of CrmRecord), not " + (body == null ? "nothing" : body.getClass().getName()));
    }

    /** Whether requests go to Salesforce (not bridge.crm.mode=dry-run). */
    public boolean sending() {
        return mode != CrmMode.DRY_RUN;
    }

    /** Whether requests are only recorded (bridge.crm.mode=dry-run). */
    public boolean dryRun() {
        return mode == CrmMode.DRY_RUN;
    }

    /** Dry-run: each request recorded as it would be sent; the records count as written, without ids. */
    public void recordDryRun(@Variable(UPSERTS) RecordUpserts upserts) {
        String path = "/services/data/v" + apiVersion + "/composite/sobjects/" + upserts.object() + "/"
                + upserts.externalIdField();
        while (upserts.unsent()) {
            List<SObjectRecord> records = upserts.nextCollection();
            SObjectCollection collection = new SObjectCollection();
            collection.setAllOrNone(false);
            collection.setRecords(List.copyOf(records));
            dryRunRequests.record("PATCH", path, json(collection));
            upserts.sentWithoutAnswer(records);
        }
    }

    public boolean existenceUnknown(@Variable(UPSERTS) RecordUpserts upserts) {
        return upserts.existenceUnknown();
    }

    public String existenceQuery(@Variable(UPSERTS) RecordUpserts upserts) {
        return upserts.existenceQuery();
    }

    public void existing(@Body String answer, @Variable(UPSERTS) RecordUpserts upserts) {
        try {
            upserts.existing(objectMapper.readTree(answer == null || answer.isBlank() ? "{}" : answer));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Salesforce answered the query with something that is not JSON", e);
        }
    }

    public boolean unsent(@Variable(UPSERTS) RecordUpserts upserts) {
        return upserts.unsent();
    }

    public List<SObjectRecord> nextCollection(@Variable(UPSERTS) RecordUpserts upserts) {
        return upserts.nextCollection();
    }

    public void results(@Body List<UpsertSObjectResult> results, @Variable(UPSERTS) RecordUpserts upserts) {
        upserts.results(results);
    }

    /**
     * The answer: every record's outcome by external id; for one record its id.
     *
     * @throws SalesforceException when Salesforce refused the one record
     */
    public Object answer(@Variable(UPSERTS) RecordUpserts upserts) throws SalesforceException {
        Map<String, UpsertOutcome> outcomes = upserts.outcomes();
        if (!upserts.single()) {
            return outcomes;
        }
        UpsertOutcome outcome = outcomes.values().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("the upsert ended without an outcome"));
        if (!outcome.isWritten()) {
            throw outcome.refusal();
        }
        return outcome.id();
    }

    private String json(Object value) {
        try {
            return salesforceMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("CRM fields that cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private static void require(String value, String header) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("direct:crm-upsert needs the header " + header);
        }
    }
}
