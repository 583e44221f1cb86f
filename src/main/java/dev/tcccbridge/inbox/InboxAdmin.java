package dev.tcccbridge.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.http.JsonAnswers;
import dev.tcccbridge.security.AdminAudit;
import dev.tcccbridge.tccc.PushAction;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The operators' view of the inbox: dead rows and their reasons, one row with its payload, the
 * quarantine, and replays. Answers are JSON; every replay is
 * recorded in the audit log with the admin who asked for it.
 */
@Component
public class InboxAdmin {

    static final int MAX_LIMIT = 1000;

    private final DeliveryRepository repository;
    private final InboxReplays replays;
    private final AdminAudit audit;
    private final JsonAnswers answers;
    private final InboxStatistics statistics;
    private final QuarantineRepository quarantine;
    private final ObjectMapper objectMapper;

    public InboxAdmin(DeliveryRepository repository, InboxReplays replays, AdminAudit audit, JsonAnswers answers,
                      InboxStatistics statistics, QuarantineRepository quarantine, ObjectMapper objectMapper) {
        this.repository = repository;
        this.replays = replays;
        this.audit = audit;
        this.answers = answers;
        this.statistics = statistics;
        this.quarantine = quarantine;
        this.objectMapper = objectMapper;
    }

    /** {@code GET /admin/inbox/{id}}: one row with its payload, as the push stored it. */
    public String row(@Header("id") String idParam, Message message) {
        long id;
        try {
            id = Long.parseLong(idParam);
        } catch (NumberFormatException e) {
            return answers.write(message, 400, Map.of("error", "the id must be a number"));
        }
        return repository.withPayload(id).map(row -> answers.write(message, 200, row))
                .orElseGet(() -> answers.write(message, 404, Map.of("id", id, "error", "no such inbox row")));
    }

    /** {@code GET /admin/inbox/dead/reasons}: dead rows grouped by the reason they died of, the most frequent first. */
    public String deadReasons(@Header("limit") String limit, Message message) {
        Integer max = limit(limit);
        if (max == null) {
            return answers.write(message, 400, Map.of("error", "limit must be a number"));
        }
        List<InboxStatistics.DeadReason> reasons = statistics.deadReasons(max);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", reasons.size());
        answer.put("reasons", reasons);
        return answers.write(message, 200, answer);
    }

    /**
     * {@code POST /admin/inbox/dead/replay} with {@code {"reason": "<last error>"}}: every dead row that died of
     * exactly this reason is delivered again, with a new retry window.
     */
    public String replayDeadReason(@Body String body, Message message) {
        String reason;
        try {
            JsonNode request = body == null || body.isBlank() ? null : objectMapper.readTree(body);
            reason = request == null || !request.path("reason").isTextual() ? null : request.path("reason").asText();
        } catch (JsonProcessingException e) {
            reason = null;
        }
        if (reason == null || reason.isEmpty()) {
            return answers.write(message, 400, Map.of("error",
                    "send {\"reason\": \"<the dead rows' last error>\"} (GET /admin/inbox/dead/reasons lists them)"));
        }
        int replayed = replays.replayDead(reason);
        audit.record(message, "replayed " + replayed + " dead inbox rows of reason \"" + (reason.length() > 200 ? reason.substring(0, 200) + "…" : reason) + "\"");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("replayed", replayed);
        answer.put("status", DeliveryRepository.PENDING);
        answer.put("reason", reason);
        return answers.write(message, 202, answer);
    }

    /** {@code GET /admin/quarantine?limit=n}: the most recent quarantined pushes, with reason, headers and body. */
    public String quarantined(@Header("limit") String limit, Message message) {
        Integer max = limit(limit);
        if (max == null) {
            return answers.write(message, 400, Map.of("error", "limit must be a number"));
        }
        List<QuarantineRepository.Quarantined> rows = quarantine.recent(max);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", rows.size());
        answer.put("total", quarantine.count());
        answer.put("rows", rows);
        return answers.write(message, 200, answer);
    }

    /** The limit asked for, within 1..{@value #MAX_LIMIT} (missing: the most); null when it is no number. */
    private static Integer limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return MAX_LIMIT;
        }
        try {
            return Math.min(MAX_LIMIT, Math.max(1, Integer.parseInt(limit.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code GET /admin/inbox/dead?limit=n}: the most recent dead rows with their last error. */
    public String dead(@Header("limit") String limit, Message message) {
        int max = MAX_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Math.min(MAX_LIMIT, Math.max(1, Integer.parseInt(limit.trim())));
            } catch (NumberFormatException e) {
                return answers.write(message, 400, Map.of("error", "limit must be a number"));
            }
        }
        List<InboxRow> rows = repository.dead(max);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", rows.size());
        answer.put("rows", rows);
        return answers.write(message, 200, answer);
    }

    /** {@code POST /admin/inbox/{id}/replay}: a dead row is delivered again, with a new retry window. */
    public String replay(@Header("id") String idParam, Message message) {
        long id;
        try {
            id = Long.parseLong(idParam);
        } catch (NumberFormatException e) {
            return answers.write(message, 400, Map.of("error", "the id must be a number"));
        }
        if (repository.replay(id)) {
            audit.record(message, "replayed dead inbox row " + id);
            return answers.write(message, 202, Map.of("id", id, "status", DeliveryRepository.PENDING,
                    "message", "queued for delivery"));
        }
        return repository.find(id)
                .map(row -> answers.write(message, 409, Map.of("id", id, "status", row.status(),
                        "error", "only dead rows are replayed (replay delivered ones by session or time range:"
                                + " POST /admin/inbox/replay?session=...)")))
                .orElseGet(() -> answers.write(message, 404, Map.of("id", id, "error", "no such inbox row")));
    }

    /**
     * {@code POST /admin/inbox/replay?session=<SessionId>} or {@code ?from=<time>&to=<time>}
     * (ISO-8601 with an offset, e.g. {@code 2026-01-05T08:00:00Z}; rows that arrived from
     * {@code from} to before {@code to}), optionally {@code &action=cdr|record|voicemail}: the
     * delivered and dead rows selected are delivered again, with a new retry window.
     */
    public String replayRows(@Header("session") String session, @Header("from") String from,
                             @Header("to") String to, @Header("action") String action, Message message) {
        InboxReplays.Selection selection;
        try {
            selection = selection(session, from, to, action);
        } catch (IllegalArgumentException e) {
            return answers.write(message, 400, Map.of("error", e.getMessage()));
        }
        int replayed = replays.replay(selection);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("replayed", replayed);
        answer.put("status", DeliveryRepository.PENDING);
        if (selection.sessionId() != null) {
            answer.put("session", selection.sessionId());
        } else {
            answer.put("from", selection.from());
            answer.put("to", selection.to());
        }
        answer.put("action", selection.action() == null ? "any" : selection.action().value());
        audit.record(message, "replayed " + replayed + " delivered or dead inbox rows of " + (selection.sessionId() != null
                ? "session " + selection.sessionId() : "arrival " + selection.from() + " to " + selection.to())
                + ", action " + answer.get("action"));
        return answers.write(message, 202, answer);
    }

    static InboxReplays.Selection selection(String session, String from, String to, String action) {
        boolean bySession = present(session);
        boolean byTime = present(from) || present(to);
        if (bySession == byTime) {
            throw new IllegalArgumentException("name either session=<SessionId> or from=<time>&to=<time>"
                    + " (ISO-8601, e.g. 2026-01-05T08:00:00Z)");
        }
        PushAction only = null;
        if (present(action)) {
            only = PushAction.of(action).orElseThrow(() -> new IllegalArgumentException(
                    "action must be cdr, record or voicemail"));
        }
        if (bySession) {
            return InboxReplays.Selection.session(session.strip(), only);
        }
        OffsetDateTime start = time("from", from);
        OffsetDateTime end = time("to", to);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to");
        }
        return InboxReplays.Selection.arrived(start, end, only);
    }

    private static OffsetDateTime time(String name, String value) {
        return Optional.ofNullable(value).filter(InboxAdmin::present).map(text -> {
            try {
                return OffsetDateTime.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(name + " is not an ISO-8601 time with an offset: " + text.strip());
            }
        }).orElseThrow(() -> new IllegalArgumentException(name + " is missing"));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
