package dev.tcccbridge.crm;

import java.util.List;
import java.util.Locale;

/** Whether CRM calls go to Salesforce or are only recorded (dry-run). */
public enum CrmMode {
    SALESFORCE,
    DRY_RUN;

    /**
     * {@code bridge.crm.mode} when set; otherwise dry-run only while no Salesforce connection
     * setting is present at all. A connection that is there but cannot log in (a key missing or
     * misspelt) fails the start naming the keys: it would otherwise deliver nothing, either by
     * failing every delivery or, worse, by quietly recording instead of sending.
     *
     * @throws IllegalStateException naming the keys to fix
     */
    static CrmMode resolve(CrmProperties properties, SalesforceSettings salesforce) {
        String mode = properties.mode();
        CrmMode chosen;
        if (mode == null || mode.isBlank()) {
            chosen = salesforce.anyPresent() ? SALESFORCE : DRY_RUN;
        } else {
            chosen = switch (mode.trim().toLowerCase(Locale.ROOT)) {
                case "salesforce" -> SALESFORCE;
                case "dry-run", "dryrun", "dry_run" -> DRY_RUN;
                default -> throw new IllegalStateException(
                        "bridge.crm.mode must be 'salesforce' or 'dry-run', not '" + mode + "'");
            };
        }
        if (chosen == SALESFORCE) {
            List<String> problems = salesforce.problems();
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Salesforce cannot be used as configured: " + String.join("; ", problems)
                        + ". Complete the settings, or set bridge.crm.mode=dry-run to record the requests instead.");
            }
        }
        return chosen;
    }
}
