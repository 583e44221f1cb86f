package dev.tcccbridge.retention;

import java.util.Locale;

/** What retention deletes, each by its own age ({@link RetentionProperties}). */
public enum RetentionTarget {
    /** Delivered inbox rows (DONE). */
    DELIVERED("delivered inbox rows"),
    /** Dead inbox rows (DEAD). */
    DEAD("dead inbox rows"),
    /** Pushes refused as unprocessable (tccc_quarantine). */
    QUARANTINED("quarantined pushes"),
    /** De-duplication keys of pushes (camel_messageprocessed). */
    PUSH_IDS("push ids"),
    /** CRM dry-run requests (crm_dry_run_request). */
    DRY_RUN_REQUESTS("CRM dry-run requests"),
    /** {@code .eml} files of mail file mode. */
    OUTBOX_FILES("outbox mail files");

    private final String description;

    RetentionTarget(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The metric tag: delivered, dead, quarantined, push_ids, dry_run_requests, outbox_files. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
