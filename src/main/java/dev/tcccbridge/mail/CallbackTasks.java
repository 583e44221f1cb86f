package dev.tcccbridge.mail;

import dev.tcccbridge.crm.CrmCustomer;
import dev.tcccbridge.crm.CrmProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/**
 * The optional "Call back" Task for a voicemail ({@code bridge.voicemail.create-callback-task}):
 * due the day the voicemail was left, owned by the caller's CRM owner, linked to the Contact or
 * Lead. Upserted under its own external id ({@code voicemail:<SessionId>}), apart from the call's
 * Task, so a retried or replayed voicemail updates the same Task instead of creating another.
 */
@Component
public class CallbackTasks {

    static final String PREFIX = "voicemail:";
    /** Salesforce Text(64) external id, as TCCC_Session_Id__c is defined. */
    static final int MAX_EXTERNAL_ID = 64;
    private static final int MAX_SUBJECT = 255;

    private final CrmProperties crm;
    private final Clock clock;

    public CallbackTasks(CrmProperties crm, Clock clock) {
        this.crm = crm;
        this.clock = clock;
    }

    /** Salesforce field → value. */
    public Map<String, Object> fields(@Body VoicemailMail mail) {
        Map<String, Object> task = new LinkedHashMap<>();
        String subject = "Call back " + mail.caller().international()
                + (mail.customer() != null && mail.customer().name() != null ? " (" + mail.customer().name() + ")" : "");
        task.put("Subject", subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT));
        task.put("ActivityDate", dueDate(mail.received()).toString());
        task.put("Status", "Not Started");
        task.put("Priority", "High");
        task.put("Description", description(mail));
        CrmCustomer customer = mail.customer();
        if (customer != null) {
            task.put("WhoId", customer.id());
            if (customer.ownerId() != null && !customer.ownerId().isBlank()) {
                task.put("OwnerId", customer.ownerId());
            }
        }
        if (!task.containsKey("OwnerId") && crm.defaultOwnerId() != null && !crm.defaultOwnerId().isBlank()) {
            task.put("OwnerId", crm.defaultOwnerId());
        }
        return task;
    }

    /** {@code voicemail:<SessionId>}; a hash of the SessionId when that would not fit the field. */
    public static String externalId(@Body VoicemailMail mail) {
        String id = PREFIX + mail.sessionId();
        return id.length() <= MAX_EXTERNAL_ID ? id : PREFIX + MessageIds.shortHash(mail.sessionId());
    }

    /** The day the voicemail was left (today when TCCC sent no time), in bridge.crm.time-zone. */
    private LocalDate dueDate(Instant received) {
        return LocalDate.ofInstant(received != null ? received : clock.instant(), crm.timeZone());
    }

    private static String description(VoicemailMail mail) {
        StringBuilder text = new StringBuilder("Voicemail from ").append(mail.caller().international());
        if (!mail.receivedAt().isEmpty()) {
            text.append(" at ").append(mail.receivedAt()).append(" (").append(mail.timeZone()).append(')');
        }
        text.append(".\nRecording: ").append(mail.recordingUrl() != null ? mail.recordingUrl() : "no link sent");
        text.append("\nTCCC SessionId: ").append(mail.sessionId());
        return text.toString();
    }
}
