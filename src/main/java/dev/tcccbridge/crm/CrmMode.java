package dev.tcccbridge.crm;

import java.util.Locale;
import org.springframework.core.env.Environment;

/** Whether CRM calls go to Salesforce or are only recorded (dry-run). */
public enum CrmMode {
    SALESFORCE,
    DRY_RUN;

    /**
     * {@code bridge.crm.mode} when set; otherwise Salesforce as soon as its credentials
     * ({@code camel.component.salesforce.client-id}) are configured, else dry-run.
     */
    public static CrmMode resolve(CrmProperties properties, Environment environment) {
        String mode = properties.mode();
        if (mode == null || mode.isBlank()) {
            String clientId = environment.getProperty("camel.component.salesforce.client-id");
            return clientId == null || clientId.isBlank() ? DRY_RUN : SALESFORCE;
        }
        return switch (mode.trim().toLowerCase(Locale.ROOT)) {
            case "salesforce" -> SALESFORCE;
            case "dry-run", "dryrun", "dry_run" -> DRY_RUN;
            default -> throw new IllegalStateException(
                    "bridge.crm.mode must be 'salesforce' or 'dry-run', not '" + mode + "'");
        };
    }
}
