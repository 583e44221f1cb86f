package dev.tcccbridge.reconcile;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.reconcile.*}: the scheduled comparison of the calls the TCCC API knows with the
 * inbox, which feeds the CDRs, recordings and voicemails never pushed (lost after TCCC's 3
 * retries) into the inbox.
 *
 * @param enabled  whether this instance reconciles (needs bridge.tccc.api.secret-id / secret-key
 *                 and bridge.tccc.sdk-app-id); one instance at a time runs, by a database lock
 * @param interval pause between two runs
 * @param initialDelay when the first run starts after start-up
 * @param lookback how far back each run asks for CDRs (the API allows less than 90 days)
 * @param grace    CDRs of calls that ended less than this ago are left to their push, which may
 *                 still be on its way or being retried; a later run looks at them again
 * @param pageSize CDRs asked for per request (the API's largest page is 100)
 * @param lockLease how long a run holds the lock at most; an instance that died while running
 *                 blocks the others no longer than this
 */
@Validated
@ConfigurationProperties("bridge.reconcile")
public record ReconcileProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("15m") @NotNull Duration interval,
        @DefaultValue("1m") @NotNull Duration initialDelay,
        @DefaultValue("2h") @NotNull Duration lookback,
        @DefaultValue("5m") @NotNull Duration grace,
        @DefaultValue("100") @Min(1) @Max(100) int pageSize,
        @DefaultValue("10m") @NotNull Duration lockLease) {

    /** The API refuses windows of 90 days or more. */
    public static final Duration MAX_LOOKBACK = Duration.ofDays(90);

    @AssertTrue(message = "lookback must be positive and shorter than 90 days (the DescribeTelCdr limit)")
    public boolean isLookbackWithinApiLimit() {
        return lookback == null || (positive(lookback) && lookback.compareTo(MAX_LOOKBACK) < 0);
    }

    @AssertTrue(message = "lookback must be longer than interval, or calls between two runs are never looked at")
    public boolean isLookbackLongerThanInterval() {
        return lookback == null || interval == null || lookback.compareTo(interval) > 0;
    }

    @AssertTrue(message = "interval and lock-lease must be positive, initial-delay and grace must not be negative")
    public boolean isPositiveDurations() {
        return (interval == null || positive(interval)) && (lockLease == null || positive(lockLease))
                && (grace == null || !grace.isNegative()) && (initialDelay == null || !initialDelay.isNegative());
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
