package dev.tcccbridge.crm;

import dev.tcccbridge.crm.CrmMappingProperties.FieldMapping;
import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.EndStatus;
import dev.tcccbridge.tccc.Timestamps;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * A CDR as the CRM activity of its call session (CONTRACT §4): the call's values, written into
 * the fields {@code bridge.crm.mapping.cdr-task} names. A value the call does not have is left
 * out, so an update never blanks a field; texts are cut to the field's length.
 */
@Component
public class CdrToTask {

    /** Lengths of the standard Task fields the default mapping writes. */
    static final Map<String, Integer> SALESFORCE_LENGTHS = Map.of(
            "Subject", 255, "CallDisposition", 255, "CallObject", 255, "Description", 32000);

    private final List<FieldMapping> mapping;
    private final Optional<String> defaultOwnerId;
    private final ZoneId zone;
    private final PhoneNumbers phoneNumbers;
    private final CallSummary summary;

    public CdrToTask(CrmMappingProperties mapping, CrmProperties properties) {
        this.mapping = mapping.cdrTask();
        this.defaultOwnerId = Optional.ofNullable(properties.defaultOwnerId()).filter(id -> !id.isBlank());
        this.zone = properties.timeZone();
        this.phoneNumbers = new PhoneNumbers(properties.phoneRegion());
        this.summary = new CallSummary(zone, phoneNumbers);
    }

    /**
     * The mapping step of a CDR batch: each call's activity, keyed by SessionId, for
     * {@code direct:crm-upsert}. The owner is the agent's user the owner lookup found, else
     * {@code bridge.crm.default-owner-id}, else nobody named (the integration user).
     */
    public List<CrmRecord> records(@Variable(BatchLookup.BATCH) CdrBatch batch) {
        return batch.calls().stream()
                .map(cdr -> new CrmRecord(cdr.sessionId(), fields(new CallParties(cdr,
                        batch.owner(cdr).or(() -> defaultOwnerId), batch.customer(cdr)))))
                .toList();
    }

    /** The activity's fields, in mapping order. */
    public Map<String, Object> fields(CallParties call) {
        Map<String, Object> fields = new LinkedHashMap<>();
        TaskLinks links = links(call);
        for (FieldMapping field : mapping) {
            Object value = field.constant() != null ? field.constant()
                    : value(CallValue.of(field.value()).orElseThrow(), call, links);
            if (value != null) {
                fields.put(field.field(), cut(wellFormed(value), maxLength(field)));
            }
        }
        return fields;
    }

    /** One value of the call; null when the call does not have it. */
    Object value(CallValue value, CallParties call) {
        return value(value, call, links(call));
    }

    private Object value(CallValue value, CallParties call, TaskLinks links) {
        Cdr cdr = call.cdr();
        return switch (value) {
            case SESSION_ID -> cdr.sessionId();
            case SUBJECT -> (cdr.inbound() ? "Inbound call from " : "Outbound call to ")
                    + text(cdr.customerNumber()).map(phoneNumbers::display).orElse("an unknown number");
            case CALL_TYPE -> cdr.inbound() ? "Inbound" : "Outbound";
            case DURATION_SECONDS -> cdr.duration() == null ? null : Math.toIntExact(Math.max(0, cdr.duration()));
            case IVR_DURATION_SECONDS -> cdr.ivrDuration() == null ? null
                    : Math.toIntExact(Math.max(0, cdr.ivrDuration()));
            case END_STATUS -> text(cdr.endStatusString()).orElse(null);
            case END_STATUS_TEXT -> text(cdr.endStatusString()).map(EndStatus::words).orElse(null);
            case ACTIVITY_DATE -> callStart(cdr).map(start -> start.atZone(zone).toLocalDate().toString())
                    .orElse(null);
            case START_TIME -> callStart(cdr).map(Instant::toString).orElse(null);
            case ANSWER_TIME -> Timestamps.instant(cdr.acceptTimestamp()).map(Instant::toString).orElse(null);
            case END_TIME -> Timestamps.instant(cdr.endedTimestamp()).map(Instant::toString).orElse(null);
            case OWNER_ID -> call.ownerId().orElse(null);
            case WHO_ID -> links.whoId();
            case WHAT_ID -> links.whatId();
            case CUSTOMER_NUMBER -> text(cdr.customerNumber())
                    .map(n -> phoneNumbers.e164(n).orElse(n)).orElse(null);
            case DESCRIPTION -> summary.describe(cdr);
            case AGENT_EMAIL -> cdr.seatUser() == null ? null : text(cdr.seatUser().mail()).orElse(null);
            case AGENT_NAME -> cdr.seatUser() == null ? null : text(cdr.seatUser().name()).orElse(null);
            case QUEUE -> text(cdr.queuedSkillGroupName()).orElse(null);
            case HUNG_UP_SIDE -> text(cdr.hungUpSide()).orElse(null);
            case RECORD_ID -> text(cdr.recordId()).orElse(null);
            case UUI -> text(cdr.uui()).orElse(null);
        };
    }

    private static TaskLinks links(CallParties call) {
        return TaskLinks.of(call.cdr().sessionId(), call.cdr().uui(), call.customer());
    }

    /** When the call began: its start, else the first other moment TCCC saw of it; never 1970. */
    static Optional<Instant> callStart(Cdr cdr) {
        return Timestamps.instant(cdr.startTimestamp()).or(() -> Stream.of(cdr.ringTimestamp(),
                        cdr.queuedTimestamp(), cdr.acceptTimestamp(), cdr.endedTimestamp())
                .map(Timestamps::instant).flatMap(Optional::stream).min(Instant::compareTo));
    }

    private static Integer maxLength(FieldMapping field) {
        return field.maxLength() != null ? field.maxLength() : SALESFORCE_LENGTHS.get(field.field());
    }

    /**
     * Texts as Salesforce takes them: a lone surrogate (which has no UTF-8) becomes U+FFFD, and
     * control characters other than line breaks and tabs (NUL among them) are left out.
     */
    static Object wellFormed(Object value) {
        if (!(value instanceof String text)) {
            return value;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
                clean.append('\uFFFD');
            } else if (!Character.isISOControl(c) || c == '\n' || c == '\r' || c == '\t') {
                clean.appendCodePoint(c);
            }
        });
        return clean.length() == text.length() && clean.toString().equals(text) ? text : clean.toString();
    }

    /** Texts longer than the field are cut (never inside a surrogate pair); other values pass. */
    static Object cut(Object value, Integer maxLength) {
        if (!(value instanceof String text) || maxLength == null || text.length() <= maxLength) {
            return value;
        }
        int end = Character.isHighSurrogate(text.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return text.substring(0, end);
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
