package dev.tcccbridge.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code direct:crm-upsert}: one CRM record written by its external id, whether it
 * exists or not, so that sending it again never makes a second record.
 *
 * <p>Fields Salesforce accepts on create only ({@code bridge.crm.salesforce.create-only-fields},
 * e.g. TaskSubtype) are sent, because most upserts create; when Salesforce answers that the
 * record exists and refuses them ({@code INVALID_FIELD_FOR_INSERT_UPDATE} naming them), the
 * route sends the upsert again without them. One request in the common case, two on update.
 */
@Component
public class CrmUpsert {

    /** Headers of direct:crm-upsert. */
    public static final String OBJECT = "CrmObject";
    public static final String EXTERNAL_ID_FIELD = "CrmExternalIdField";
    public static final String EXTERNAL_ID_VALUE = "CrmExternalIdValue";
    /** The fields being written, kept while the body is their JSON. */
    static final String FIELDS = "CrmFields";

    static final String CREATE_ONLY_REFUSED = "INVALID_FIELD_FOR_INSERT_UPDATE";

    private final ObjectMapper objectMapper;
    private final CrmMode mode;
    private final Set<String> createOnlyFields;
    private final DryRunRequests dryRunRequests;
    private final String apiVersion;

    public CrmUpsert(ObjectMapper objectMapper, CrmMode mode, CrmProperties properties, DryRunRequests dryRunRequests,
                     Environment environment) {
        this.objectMapper = objectMapper;
        this.mode = mode;
        this.createOnlyFields = Set.copyOf(properties.salesforce().createOnlyFields());
        this.dryRunRequests = dryRunRequests;
        this.apiVersion = environment.getProperty("camel.component.salesforce.api-version",
                SalesforceEndpointConfig.DEFAULT_VERSION);
    }

    /**
     * Body: the fields → their JSON; headers for camel-salesforce (sObjectName, sObjectIdName,
     * sObjectIdValue). The external id goes in the URL only, as Salesforce wants it.
     *
     * @throws IllegalArgumentException when the object or external id is missing: no retry helps
     */
    public String prepare(@Body Map<String, Object> fields, @Header(OBJECT) String object,
                          @Header(EXTERNAL_ID_FIELD) String externalIdField,
                          @Header(EXTERNAL_ID_VALUE) String externalIdValue, Exchange exchange) {
        require(object, OBJECT);
        require(externalIdField, EXTERNAL_ID_FIELD);
        require(externalIdValue, EXTERNAL_ID_VALUE);
        if (fields == null) {
            throw new IllegalArgumentException("direct:crm-upsert needs a body of CRM fields");
        }
        Map<String, Object> sent = new LinkedHashMap<>(fields);
        sent.remove(externalIdField);
        exchange.setProperty(FIELDS, sent);
        Message message = exchange.getMessage();
        message.setHeader(SalesforceEndpointConfig.SOBJECT_NAME, object);
        message.setHeader(SalesforceEndpointConfig.SOBJECT_EXT_ID_NAME, externalIdField);
        message.setHeader(SalesforceEndpointConfig.SOBJECT_EXT_ID_VALUE, externalIdValue);
        return json(sent);
    }

    /** Whether requests are only recorded (bridge.crm.mode=dry-run). */
    public boolean dryRun() {
        return mode == CrmMode.DRY_RUN;
    }

    /** Dry-run: the request is recorded as it would be sent; there is no record id. */
    public Object recordDryRun(@Body String json, @Header(OBJECT) String object,
                               @Header(EXTERNAL_ID_FIELD) String externalIdField,
                               @Header(EXTERNAL_ID_VALUE) String externalIdValue) {
        dryRunRequests.record("PATCH", "/services/data/v" + apiVersion + "/sobjects/" + object + "/"
                + externalIdField + "/" + URLEncoder.encode(externalIdValue, StandardCharsets.UTF_8), json);
        return null;
    }

    /**
     * In the route's doCatch: when Salesforce refused create-only fields because the record
     * exists, the same upsert without them; any other failure is thrown on.
     */
    public String withoutRefusedCreateOnlyFields(@ExchangeProperty(FIELDS) Map<String, Object> fields,
                                                 @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                                                 Exchange exchange) throws Exception {
        Set<String> refused = refusedCreateOnlyFields(failure, fields);
        if (refused.isEmpty()) {
            throw failure;
        }
        Map<String, Object> sent = new LinkedHashMap<>(fields);
        sent.keySet().removeAll(refused);
        exchange.setProperty(FIELDS, sent);
        return json(sent);
    }

    /** The id Salesforce answered with (null when it answered without a body). */
    public String recordId(@Body String response) {
        if (response == null || response.isBlank()) {
            return null;
        }
        try {
            JsonNode id = objectMapper.readTree(response).path("id");
            return id.isMissingNode() || id.isNull() ? null : id.asText();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Salesforce answered the upsert with something that is not JSON", e);
        }
    }

    private Set<String> refusedCreateOnlyFields(Throwable failure, Map<?, ?> fields) {
        Set<String> refused = new TreeSet<>();
        if (failure instanceof SalesforceException e && e.getErrors() != null && fields != null) {
            for (RestError error : e.getErrors()) {
                if (CREATE_ONLY_REFUSED.equals(error.getErrorCode())) {
                    List<String> named = error.getFields() == null ? List.of() : error.getFields();
                    named.stream().filter(createOnlyFields::contains).filter(fields::containsKey).forEach(refused::add);
                }
            }
        }
        return refused;
    }

    private String json(Map<String, Object> fields) {
        try {
            return objectMapper.writeValueAsString(fields);
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
