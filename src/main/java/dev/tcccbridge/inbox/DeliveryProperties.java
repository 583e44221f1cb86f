package dev.tcccbridge.inbox;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.delivery.*}: how inbox rows are delivered and retried.
 *
 * @param enabled       whether this instance delivers (every instance may; claims never overlap)
 * @param pollInterval  pause between two claims of due rows
 * @param batchSize     rows claimed at once (one transaction); their CDRs go to the CRM together,
 *                      200 a request
 * @param workers       parts of a claim delivered in parallel (batches of up to 200 CDRs, other rows)
 * @param lease         how long a claim holds a row; a row whose worker died is claimed again
 *                      after it. Checked and renewed when the row's delivery starts, so it must
 *                      be longer than the slowest delivery, not the slowest claim
 * @param maxAttempts   claims of a row that never finished (its lease ran out: the instance died,
 *                      maybe because of the row) after which the row is dead instead of claimed again
 * @param retryWindow   how long a failing row is retried, counted from its arrival (or its
 *                      last replay); after it the row is dead
 * @param backoffBase   delay before the first retry; doubled at each further attempt
 * @param backoffMax    longest delay between two attempts
 * @param backoffJitter fraction of each delay drawn at random (0 to 1), so that rows failing
 *                      together are not retried together
 * @param awaitCdr      how long a recording waits in the inbox for its call's CDR to be
 *                      delivered (so that both land on one activity); after it the recording is
 *                      delivered anyway. 0: recordings do not wait
 * @param recheck       how often a waiting row is looked at again (a delivered CDR also wakes
 *                      the recordings of its session at once)
 */
@Validated
@ConfigurationProperties("bridge.delivery")
public record DeliveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("200") @Min(1) @Max(1000) int batchSize,
        @DefaultValue("4") @Min(1) @Max(64) int workers,
        @DefaultValue("5m") @NotNull Duration lease,
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue("24h") @NotNull Duration retryWindow,
        @DefaultValue("30s") @NotNull Duration backoffBase,
        @DefaultValue("30m") @NotNull Duration backoffMax,
        @DefaultValue("0.2") @DecimalMin("0.0") @DecimalMax("1.0") double backoffJitter,
        @DefaultValue("10m") @NotNull Duration awaitCdr,
        @DefaultValue("30s") @NotNull Duration recheck) {

    @AssertTrue(message = "poll-interval, lease, retry-window, backoff-base and recheck must be positive")
    public boolean isPositiveDurations() {
        return positive(pollInterval) && positive(lease) && positive(retryWindow) && positive(backoffBase)
                && positive(recheck);
    }

    @AssertTrue(message = "await-cdr must not be negative (0: recordings do not wait for their CDR)")
    public boolean isAwaitCdrNotNegative() {
        return awaitCdr == null || !awaitCdr.isNegative();
    }

    @AssertTrue(message = "backoff-max must not be shorter than backoff-base")
    public boolean isBackoffMaxAtLeastBase() {
        return backoffMax == null || backoffBase == null || backoffMax.compareTo(backoffBase) >= 0;
    }

    private static boolean positive(Duration duration) {
        return duration == null || (!duration.isNegative() && !duration.isZero());
    }
}
