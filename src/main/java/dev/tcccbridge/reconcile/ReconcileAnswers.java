package dev.tcccbridge.reconcile;

import dev.tcccbridge.http.JsonAnswers;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Message;

/**
 * {@code POST /admin/reconcile}: the run's counts, 200 when done, 409 when another instance is
 * running one or reconciliation is disabled, 502 when the API (or the database) failed.
 */
public class ReconcileAnswers {

    private final JsonAnswers answers;

    public ReconcileAnswers(JsonAnswers answers) {
        this.answers = answers;
    }

    /** @param run the run's counts; null when reconciliation is disabled */
    public String answer(@Body ReconcileRun run, Message message) {
        if (run == null) {
            return answers.write(message, 409, Map.of("error", "reconciliation is disabled (bridge.reconcile.enabled)"));
        }
        int status = switch (run.outcome()) {
            case ReconcileRun.DONE -> 200;
            case ReconcileRun.SKIPPED -> 409;
            default -> 502;
        };
        return answers.write(message, status, run);
    }
}
