package dev.tcccbridge.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The operators' view of the inbox: dead rows, and their replay. Answers are JSON. */
@Component
public class InboxAdmin {

    static final int MAX_LIMIT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(InboxAdmin.class);

    private final DeliveryRepository repository;
    private final ObjectMapper objectMapper;

    public InboxAdmin(DeliveryRepository repository, ObjectMapper objectMapper) {
        this.repository = repository;
        this.objectMapper = objectMapper;
    }

    /** {@code GET /admin/inbox/dead?limit=n}: the most recent dead rows with their last error. */
    public String dead(@Header("limit") String limit, Message message) {
        int max = MAX_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                max = Math.min(MAX_LIMIT, Math.max(1, Integer.parseInt(limit.trim())));
            } catch (NumberFormatException e) {
                return answer(message, 400, Map.of("error", "limit must be a number"));
            }
        }
        List<InboxRow> rows = repository.dead(max);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("count", rows.size());
        answer.put("rows", rows);
        return answer(message, 200, answer);
    }

    /** {@code POST /admin/inbox/{id}/replay}: a dead row is delivered again, with a new retry window. */
    public String replay(@Header("id") String idParam, Message message) {
        long id;
        try {
            id = Long.parseLong(idParam);
        } catch (NumberFormatException e) {
            return answer(message, 400, Map.of("error", "the id must be a number"));
        }
        if (repository.replay(id)) {
            LOG.info("inbox {} replayed by an operator", id);
            return answer(message, 202, Map.of("id", id, "status", DeliveryRepository.PENDING,
                    "message", "queued for delivery"));
        }
        return repository.find(id)
                .map(row -> answer(message, 409, Map.of("id", id, "status", row.status(),
                        "error", "only dead rows are replayed")))
                .orElseGet(() -> answer(message, 404, Map.of("id", id, "error", "no such inbox row")));
    }

    private String answer(Message message, int status, Object body) {
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json;charset=UTF-8");
        try {
            return objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox rows always serialise", e);
        }
    }
}
