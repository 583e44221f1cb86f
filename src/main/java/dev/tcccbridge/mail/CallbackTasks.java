package dev.tcccbridge.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.crm.CrmCustomer;
import dev.tcccbridge.crm.CrmMappingProperties;
import dev.tcccbridge.crm.CrmProperties;
import dev.tcccbridge.crm.FieldMappings;
import dev.tcccbridge.crm.SalesforceQueries;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * The "Call back" Task of a voicemail ({@code bridge.voicemail.create-callback-task}), its fields
 * as {@code bridge.crm.mapping.voicemail-task} names them: by default due the day the voicemail
 * was left, owned by the caller's CRM owner, linked to the Contact or Lead and to the call's own
 * Task (its id in {@code TCCC_Call_Task_Id__c}: Salesforce lets no Task look up another). Upserted
 * under its own external id ({@code voicemail:<SessionId>}), apart from the call's Task, so a
 * retried or replayed voicemail updates the same Task instead of creating another.
 */
@Component
public class CallbackTasks {

    static final String SETTING = "bridge.crm.mapping.voicemail-task";
    static final String PREFIX = "voicemail:";
    /** Salesforce Text(64) external id, as TCCC_Session_Id__c is defined. */
    static final int MAX_EXTERNAL_ID = 64;
    private static final Map<String, Integer> LENGTHS = Map.of("Subject", 255, "Description", 32000);

    private final CrmProperties crm;
    private final Clock clock;
    private final FieldMappings<VoicemailValue> mapping;
    private final ObjectMapper objectMapper;

    public CallbackTasks(CrmProperties crm, CrmMappingProperties mappings, Clock clock, CamelContext camel,
                         ObjectMapper objectMapper) {
        this.crm = crm;
        this.clock = clock;
        this.mapping = FieldMappings.compile(SETTING, mappings.voicemailTask(), VoicemailValue.class,
                VoicemailValue::key, LENGTHS, camel);
        this.objectMapper = objectMapper;
    }

    /**
     * Salesforce field → value. Expressions see the {@link VoicemailMail} as {@code body} and the
     * call's activity id as {@code ${variable.callTaskId}} (absent when there is none).
     *
     * @param callTask the answer of {@link #callTaskQuery}, null when it was not asked (dry-run)
     */
    public Map<String, Object> fields(@Body VoicemailMail mail, @Variable("callTask") String callTask) {
        String callTaskId = callTaskId(callTask);
        Map<String, Object> variables = new HashMap<>();
        if (callTaskId != null) {
            variables.put("callTaskId", callTaskId);
        }
        return mapping.fields(value -> value(value, mail, callTaskId), mail, variables,
                "Voicemail " + mail.sessionId());
    }

    /** The query for the call's own activity: the one its CDR (or recording) wrote under the SessionId. */
    public String callTaskQuery(@Body VoicemailMail mail) {
        return "SELECT Id FROM " + crm.salesforce().activityObject() + " WHERE " + crm.salesforce().sessionIdField()
                + " = " + SalesforceQueries.literal(mail.sessionId()) + " LIMIT 1";
    }

    /** Whether the call's activity can be asked for: a SessionId that fits a literal. */
    public boolean callTaskAskable(@Body VoicemailMail mail) {
        return SalesforceQueries.quotable(mail.sessionId());
    }

    private Object value(VoicemailValue value, VoicemailMail mail, String callTaskId) {
        CrmCustomer customer = mail.customer();
        return switch (value) {
            case SESSION_ID -> mail.sessionId();
            case SUBJECT -> "Call back " + mail.caller().international()
                    + (customer != null && customer.name() != null ? " (" + customer.name() + ")" : "");
            case DUE_DATE -> dueDate(mail.received()).toString();
            case DESCRIPTION -> description(mail, callTaskId);
            case CALLER_NUMBER -> mail.caller().e164();
            case RECORDING_URL -> mail.recordingUrl();
            case WHO_ID -> customer == null ? null : customer.id();
            case OWNER_ID -> customer != null && customer.ownerId() != null && !customer.ownerId().isBlank()
                    ? customer.ownerId()
                    : crm.defaultOwnerId() != null && !crm.defaultOwnerId().isBlank() ? crm.defaultOwnerId() : null;
            case CALL_TASK_ID -> callTaskId;
        };
    }

    /** {@code voicemail:<SessionId>}; a hash of the SessionId when that would not fit the field. */
    public static String externalId(@Body VoicemailMail mail) {
        String id = PREFIX + mail.sessionId();
        return id.length() <= MAX_EXTERNAL_ID ? id : PREFIX + MessageIds.shortHash(mail.sessionId());
    }

    private String callTaskId(String answer) {
        if (answer == null || answer.isBlank()) {
            return null;
        }
        try {
            JsonNode records = objectMapper.readTree(answer).path("records");
            return records.isArray() && !records.isEmpty() ? records.get(0).path("Id").asText(null) : null;
        } catch (IOException e) {
            throw new IllegalStateException("Salesforce answered a query with something other than JSON", e);
        }
    }

    /** The day the voicemail was left (today when TCCC sent no time), in bridge.crm.time-zone. */
    private LocalDate dueDate(Instant received) {
        return LocalDate.ofInstant(received != null ? received : clock.instant(), crm.timeZone());
    }

    private static String description(VoicemailMail mail, String callTaskId) {
        StringBuilder text = new StringBuilder("Voicemail from ").append(mail.caller().international());
        if (!mail.receivedAt().isEmpty()) {
            text.append(" at ").append(mail.receivedAt()).append(" (").append(mail.timeZone()).append(')');
        }
        text.append(".\nRecording: ").append(mail.recordingUrl() != null ? mail.recordingUrl() : "no link sent");
        if (callTaskId != null) {
            text.append("\nCall: ").append(callTaskId);
        }
        text.append("\nTCCC SessionId: ").append(mail.sessionId());
        return text.toString();
    }
}
