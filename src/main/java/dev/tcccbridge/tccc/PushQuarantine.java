package dev.tcccbridge.tccc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.inbox.QuarantineRepository;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the raw body of a refused push that can never be processed, with the reason and the
 * request headers (credentials left out), so an operator can fix and replay it.
 */
@Component
public class PushQuarantine {

    private static final Logger LOG = LoggerFactory.getLogger(PushQuarantine.class);
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie");

    private final QuarantineRepository repository;
    private final ObjectMapper objectMapper;

    public PushQuarantine(QuarantineRepository repository, ObjectMapper objectMapper) {
        this.repository = repository;
        this.objectMapper = objectMapper;
    }

    public void keep(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) PushRejected rejected,
                     @Header("action") String action,
                     @Header("X-TCCC-PUSH-UUID") String pushUuid,
                     @Headers Map<String, Object> headers,
                     @Body byte[] body) {
        if (!rejected.error().quarantined()) {
            return;
        }
        String pushId = PushIds.of(action, pushUuid, body);
        boolean kept = repository.keep(pushId, action, rejected.error().httpStatus(), rejected.getMessage(),
                safeHeaders(headers), body);
        if (kept) {
            LOG.warn("push {} quarantined: {}", pushId, rejected.getMessage());
        }
    }

    String safeHeaders(Map<String, Object> headers) {
        Map<String, String> safe = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("camel") && !SECRET_HEADERS.contains(lower) && value != null) {
                safe.put(name, value.toString());
            }
        });
        try {
            return objectMapper.writeValueAsString(safe);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }
}
