package dev.tcccbridge.crm;

import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.Cdr.ServeParticipant;
import dev.tcccbridge.tccc.EndStatus;
import dev.tcccbridge.tccc.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * A CDR as the CRM activity of its call session (CONTRACT §4): the call's values, written into
 * the fields {@code bridge.crm.mapping.cdr-task} names, by name or by a Camel Simple expression
 * over the CDR ({@code ${body.uui}}) and its lookups ({@code ${variable.customer.name}}). A value
 * the call does not have is left out, so an update never blanks a field; texts are cut to the
 * field's length.
 */
@Component
public class CdrToTask {

    /** The mapping's setting, named in start-up errors. */
    static final String SETTING = "bridge.crm.mapping.cdr-task";
    /** Lengths of the standard Task fields the default mapping writes. */
    static final Map<String, Integer> SALESFORCE_LENGTHS = Map.of(
            "Subject", 255, "CallDisposition", 255, "CallObject", 255, "Description", 32000);

    private final FieldMappings<CallValue> mapping;
    private final Optional<String> defaultOwnerId;
    private final ZoneId zone;
    private final PhoneNumbers phoneNumbers;
    private final CallSummary summary;

    public CdrToTask(CrmMappingProperties mapping, CrmProperties properties, CamelContext camel) {
        this.mapping = FieldMappings.compile(SETTING, mapping.cdrTask(), CallValue.class, CallValue::key,
                SALESFORCE_LENGTHS, camel);
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

    /**
     * The activity's fields, in mapping order. Expressions see the CDR as {@code body} and the
     * variables {@code customer} (the {@link CrmCustomer}, absent when none was found) and
     * {@code ownerId}.
     */
    public Map<String, Object> fields(CallParties call) {
        TaskLinks links = links(call);
        Map<String, Object> variables = new HashMap<>();
        call.customer().ifPresent(customer -> variables.put("customer", customer));
        call.ownerId().ifPresent(owner -> variables.put("ownerId", owner));
        return mapping.fields(value -> value(value, call, links), call.cdr(), variables,
                "CDR " + call.cdr().sessionId());
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
            case DURATION_SECONDS -> seconds(cdr.duration());
            case IVR_DURATION_SECONDS -> seconds(cdr.ivrDuration());
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
            case HUNG_UP_BY -> text(cdr.hungUpSide()).map(CdrToTask::hungUpBy).orElse(null);
            case WAIT_SECONDS -> secondsUntilAnswerOrEnd(cdr, cdr.queuedTimestamp());
            case RING_SECONDS -> secondsUntilAnswerOrEnd(cdr, cdr.ringTimestamp());
            case AGENTS -> agents(cdr);
            case TRANSFER_COUNT -> (int) cdr.serveParticipants().stream()
                    .filter(p -> p != null && text(p.transferFrom()).isPresent()).count();
            case SATISFACTION_KEY -> satisfactionKey(cdr);
            case CUSTOMER_LOCATION -> CallSummary.location(cdr).orElse(null);
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

    /**
     * Seconds from a moment (queued, ringing) to the answer, or to the end when nobody answered
     * (how long the caller waited before giving up); null when the moment never came (timestamp
     * 0 or missing), the call has neither answer nor end, or the timestamps contradict each other.
     */
    static Integer secondsUntilAnswerOrEnd(Cdr cdr, Long from) {
        Optional<Instant> start = Timestamps.instant(from);
        Optional<Instant> end = Timestamps.instant(cdr.acceptTimestamp())
                .or(() -> Timestamps.instant(cdr.endedTimestamp()));
        if (start.isEmpty() || end.isEmpty() || end.get().isBefore(start.get())) {
            return null;
        }
        return seconds(Duration.between(start.get(), end.get()).toSeconds());
    }

    /**
     * A count of seconds as an integer field takes it: negative ones are 0, and one past an
     * integer's range (no call lasts 68 years) is no value at all.
     */
    static Integer seconds(Long seconds) {
        if (seconds == null || seconds > Integer.MAX_VALUE) {
            return null;
        }
        return (int) Math.max(0, seconds);
    }

    /** The agents of the call in the order they took part (e-mail, else number), else the last agent. */
    static String agents(Cdr cdr) {
        String participants = cdr.serveParticipants().stream().filter(Objects::nonNull)
                .sorted(Comparator.comparing((ServeParticipant p) -> p.sequence() == null ? Integer.MAX_VALUE : p.sequence()))
                .map(p -> text(p.mail()).or(() -> text(p.phone())).orElse(null))
                .filter(Objects::nonNull).distinct().collect(Collectors.joining(", "));
        if (!participants.isEmpty()) {
            return participants;
        }
        return cdr.seatUser() == null ? null
                : text(cdr.seatUser().mail()).or(() -> text(cdr.seatUser().name())).orElse(null);
    }

    /** The keys pressed in the after-call survey, e.g. {@code 5}; several comma-separated. */
    private static String satisfactionKey(Cdr cdr) {
        String keys = cdr.postIvrKeyPressed().stream().filter(Objects::nonNull)
                .map(k -> text(k.key()).orElse(null)).filter(Objects::nonNull).collect(Collectors.joining(","));
        return keys.isEmpty() ? null : keys;
    }

    private static String hungUpBy(String side) {
        return switch (side) {
            case "user" -> "Customer";
            case "seat" -> "Agent";
            default -> side;
        };
    }

    static Object cut(Object value, Integer maxLength) {
        return FieldMappings.cut(value, maxLength);
    }

    private static Optional<String> text(String value) {
        return FieldMappings.text(value);
    }
}
