package dev.tcccbridge.crm;

import java.util.List;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * What became of one record of an upsert: written (its id; null in dry-run), or refused by
 * Salesforce with its errors.
 *
 * @param id      the record's id
 * @param created whether the upsert created it
 * @param errors  Salesforce's reasons when it refused the record; empty when written
 */
public record UpsertOutcome(String id, boolean created, List<RestError> errors) {

    public UpsertOutcome {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static UpsertOutcome written(String id, boolean created) {
        return new UpsertOutcome(id, created, List.of());
    }

    public static UpsertOutcome refused(List<RestError> errors) {
        return new UpsertOutcome(null, false, errors.isEmpty()
                ? List.of(new RestError("UNKNOWN_EXCEPTION", "Salesforce refused the record without saying why"))
                : errors);
    }

    public boolean isWritten() {
        return errors.isEmpty();
    }

    /**
     * The refusal as the error a single upsert meets (400 with these errors), for the delivery to
     * classify: a transient code (UNABLE_TO_LOCK_ROW, DUPLICATE_VALUE...) is retried, others are final.
     */
    public SalesforceException refusal() {
        SalesforceException refusal = new SalesforceException(errors, 400);
        // made here from Salesforce's answer: a stack trace would tell nothing
        refusal.setStackTrace(new StackTraceElement[0]);
        return refusal;
    }
}
