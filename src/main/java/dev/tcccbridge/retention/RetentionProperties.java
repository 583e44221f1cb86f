package dev.tcccbridge.retention;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.retention.*}: how long what the bridge stores is kept ({@code routes/retention.camel.yaml}).
 *
 * @param enabled        whether this instance deletes (one instance at a time does, by a database lock)
 * @param interval       pause between two runs
 * @param initialDelay   when the first run starts after start-up
 * @param delivered      delivered inbox rows are deleted this long after their delivery, but never
 *                       before the reconciliation lookback has passed them
 * @param pushIds        de-duplication keys of pushes are deleted this long after they came (TCCC
 *                       retries a push 3 times, within minutes)
 * @param failed         dead inbox rows (after they died) and quarantined pushes (after they came);
 *                       counted and logged before they are deleted
 * @param dryRunRequests CRM dry-run requests (crm_dry_run_request)
 * @param outboxFiles    {@code .eml} files of mail file mode (bridge.mail.outbox-dir), by age
 * @param batchSize      rows deleted by one statement: each batch is its own short transaction
 * @param lockLease      longest a run holds the lock; an instance that dies while running blocks
 *                       the others no longer than this
 */
@Validated
@ConfigurationProperties("bridge.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1h") @NotNull Duration interval,
        @DefaultValue("10m") @NotNull Duration initialDelay,
        @DefaultValue("30d") @NotNull Duration delivered,
        @DefaultValue("7d") @NotNull Duration pushIds,
        @DefaultValue("30d") @NotNull Duration failed,
        @DefaultValue("7d") @NotNull Duration dryRunRequests,
        @DefaultValue("7d") @NotNull Duration outboxFiles,
        @DefaultValue("500") @Min(1) @Max(10000) int batchSize,
        @DefaultValue("30m") @NotNull Duration lockLease) {

    /** TCCC retries a push within minutes; a key kept shorter than this would let a retry be stored twice. */
    public static final Duration MIN_PUSH_IDS = Duration.ofHours(1);

    @AssertTrue(message = "interval, delivered, failed, dry-run-requests, outbox-files and lock-lease must be positive,"
            + " initial-delay not negative")
    public boolean isPositiveDurations() {
        return Stream.of(interval, delivered, failed, dryRunRequests, outboxFiles, lockLease)
                .allMatch(d -> d == null || (!d.isNegative() && !d.isZero()))
                && (initialDelay == null || !initialDelay.isNegative());
    }

    @AssertTrue(message = "push-ids must be at least 1h: TCCC's retries of a push must still find its key")
    public boolean isPushIdsLongEnough() {
        return pushIds == null || pushIds.compareTo(MIN_PUSH_IDS) >= 0;
    }
}
