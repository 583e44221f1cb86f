package dev.tcccbridge.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What the reconcile routes call: the scheduled run, and an operator's "run one now". Present
 * also when reconciliation is disabled (then there is nothing to run).
 */
public class ReconcileJob {

    private final Reconciliation reconciliation;
    private final ObjectMapper objectMapper;

    /** @param reconciliation null when bridge.reconcile.enabled is false */
    public ReconcileJob(Reconciliation reconciliation, ObjectMapper objectMapper) {
        this.reconciliation = reconciliation;
        this.objectMapper = objectMapper;
    }

    /** One run (skipped when another instance runs one). */
    public ReconcileRun run() {
        if (reconciliation == null) {
            throw new IllegalStateException("reconciliation is disabled (bridge.reconcile.enabled)");
        }
        return reconciliation.run();
    }

    /**
     * {@code POST /admin/reconcile}: one run now, answered with its counts: 200 when done, 409
     * when another instance is running one or reconciliation is disabled, 502 when the API failed.
     */
    public String runNow(Message message) throws JsonProcessingException {
        if (reconciliation == null) {
            return answer(message, 409, Map.of("error", "reconciliation is disabled (bridge.reconcile.enabled)"));
        }
        ReconcileRun run = reconciliation.run();
        int status = switch (run.outcome()) {
            case ReconcileRun.DONE -> 200;
            case ReconcileRun.SKIPPED -> 409;
            default -> 502;
        };
        return answer(message, status, run);
    }

    private String answer(Message message, int status, Object body) throws JsonProcessingException {
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        return objectMapper.writeValueAsString(body);
    }
}
