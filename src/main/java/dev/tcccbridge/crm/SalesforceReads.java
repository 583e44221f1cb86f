package dev.tcccbridge.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.springframework.stereotype.Component;

/**
 * SOSL searches for code outside a route's flow (a voicemail's caller), sent through the route
 * {@code direct:crm-search} (routes/crm-salesforce.camel.yaml); answers as JSON trees. Failures
 * are thrown as they come, for the caller's error handling to classify. Also the link that opens
 * a record in Salesforce.
 */
@Component
public class SalesforceReads {

    private final ProducerTemplate producer;
    private final ObjectMapper objectMapper;
    private final CamelContext camelContext;

    public SalesforceReads(ProducerTemplate producer, ObjectMapper objectMapper, CamelContext camelContext) {
        this.producer = producer;
        this.objectMapper = objectMapper;
        this.camelContext = camelContext;
    }

    /** The answer to a SOSL search ({@code {"searchRecords":[...]}}). */
    public JsonNode search(String sosl) {
        return read(producer.requestBody("direct:crm-search", sosl, String.class));
    }

    /** A link that opens a record in Salesforce: the instance URL of the session, then the id. */
    public String recordUrl(String id) {
        String instanceUrl = camelContext.getComponent("salesforce", SalesforceComponent.class)
                .getSession().getInstanceUrl();
        return instanceUrl == null ? null : instanceUrl.replaceAll("/+$", "") + "/" + id;
    }

    private JsonNode read(String json) {
        try {
            return json == null || json.isBlank() ? objectMapper.createObjectNode() : objectMapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Salesforce answered with something that is not JSON", e);
        }
    }
}
