package dev.tcccbridge.crm;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The org's daily API allowance as Salesforce last reported it ({@code Sforce-Limit-Info:
 * api-usage=used/allowance} on its answers, read by {@link SalesforceApiCalls}), and the pace of
 * deliveries it calls for:
 * <ul>
 * <li>below {@code bridge.crm.salesforce.api.slow-down-at} of the allowance: no limit;</li>
 * <li>above it: <em>slowed</em>, one claim of due rows per {@code slowed-poll-interval} (batches
 * stay whole, so the calls per CDR stay low while the rate drops); a poll that finds nothing due
 * does not count;</li>
 * <li>after {@code REQUEST_LIMIT_EXCEEDED}: <em>paused</em> until the next full hour, when a claim
 * tries again (the rows that met it wait until then too, without counting as failures).</li>
 * </ul>
 * Changes of pace are logged (WARN when slowing, INFO when back to normal) and shown by the gauges
 * {@code bridge_salesforce_api_usage_ratio}, {@code bridge_salesforce_api_remaining},
 * {@code bridge_salesforce_api_used}, {@code bridge_salesforce_api_allowance} (NaN until
 * Salesforce has answered once) and {@code bridge_salesforce_api_slowed} (0 normal, 1 slowed,
 * 2 paused). {@link #snapshot()} is the same for an operations console.
 */
@Component
public class SalesforceApiAllowance {

    /** Whether deliveries go at full speed, slowed, or not at all. */
    public enum Pace {
        NORMAL, SLOWED, PAUSED
    }

    /**
     * What the console shows.
     *
     * @param used        API calls of the last 24 hours, as last reported (null: not reported yet)
     * @param allowance   the org's daily allowance (null: not reported yet)
     * @param usageRatio  used / allowance
     * @param remaining   allowance − used
     * @param reportedAt  when Salesforce reported it
     * @param pace        NORMAL, SLOWED or PAUSED
     * @param pausedUntil when a pause ends (null: none)
     * @param slowDownAt  the share above which deliveries are slowed
     */
    public record Snapshot(Long used, Long allowance, Double usageRatio, Long remaining, Instant reportedAt,
                           Pace pace, Instant pausedUntil, double slowDownAt) {
    }

    private record Usage(long used, long allowance, Instant at) {
        double ratio() {
            return allowance <= 0 ? 1.0 : (double) used / allowance;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceApiAllowance.class);
    private static final Pattern API_USAGE = Pattern.compile("(?:^|[\\s,;])api-usage=(\\d+)/(\\d+)");

    private final Clock clock;
    private final double slowDownAt;
    private final Duration slowedInterval;
    private volatile Usage usage;
    private volatile Instant pausedUntil;
    private Instant lastClaim;
    private Pace announced = Pace.NORMAL;

    public SalesforceApiAllowance(SalesforceApiProperties properties, Clock clock, MeterRegistry metrics) {
        this.clock = clock;
        this.slowDownAt = properties.slowDownAt();
        this.slowedInterval = properties.slowedPollInterval();
        Gauge.builder("bridge.salesforce.api.usage.ratio", this, a -> a.value(Usage::ratio))
                .description("Share of the org's daily Salesforce API allowance used, as last reported")
                .register(metrics);
        Gauge.builder("bridge.salesforce.api.remaining", this, a -> a.value(u -> u.allowance() - u.used()))
                .description("API calls left of the org's daily Salesforce allowance, as last reported")
                .register(metrics);
        Gauge.builder("bridge.salesforce.api.used", this, a -> a.value(u -> u.used()))
                .description("API calls the org made in the last 24 hours, as last reported")
                .register(metrics);
        Gauge.builder("bridge.salesforce.api.allowance", this, a -> a.value(u -> u.allowance()))
                .description("The org's daily Salesforce API allowance, as last reported")
                .register(metrics);
        Gauge.builder("bridge.salesforce.api.slowed", this, a -> a.pace().ordinal())
                .description("Deliveries' pace: 0 normal, 1 slowed (above slow-down-at), 2 paused (limit exceeded)")
                .register(metrics);
    }

    /** An answer's {@code Sforce-Limit-Info} header (other parts of it, per-app usage, are ignored). */
    public void observe(String limitInfo) {
        if (limitInfo == null) {
            return;
        }
        Matcher matcher = API_USAGE.matcher(limitInfo);
        if (matcher.find()) {
            usage = new Usage(Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)), clock.instant());
            announce();
        }
    }

    /** Salesforce answered {@code REQUEST_LIMIT_EXCEEDED}: no claims until the next full hour. */
    public void limitExceeded() {
        pausedUntil = nextHour(clock.instant());
        announce();
    }

    /** The next full hour after {@code now}, when an exceeded allowance is tried again. */
    public static Instant nextHour(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
    }

    /**
     * For the delivery route: whether rows may be claimed now, given the pace (slowed: not within
     * slowed-poll-interval of the last claim that found rows).
     */
    public synchronized boolean deliveryDue() {
        Pace pace = pace();
        return pace == Pace.NORMAL || (pace == Pace.SLOWED
                && (lastClaim == null || !clock.instant().isBefore(lastClaim.plus(slowedInterval))));
    }

    /** Rows were claimed for delivery: while slowed, the next claim waits slowed-poll-interval. */
    public synchronized void claimed() {
        lastClaim = clock.instant();
    }

    public Pace pace() {
        Instant until = pausedUntil;
        if (until != null && clock.instant().isBefore(until)) {
            return Pace.PAUSED;
        }
        Usage current = usage;
        return current != null && current.ratio() >= slowDownAt ? Pace.SLOWED : Pace.NORMAL;
    }

    /** The allowance as last reported, and the pace. */
    public Snapshot snapshot() {
        Usage current = usage;
        Pace pace = pace();
        return new Snapshot(current == null ? null : current.used(), current == null ? null : current.allowance(),
                current == null ? null : current.ratio(), current == null ? null : current.allowance() - current.used(),
                current == null ? null : current.at(), pace, pace == Pace.PAUSED ? pausedUntil : null, slowDownAt);
    }

    public Optional<Double> usageRatio() {
        return Optional.ofNullable(usage).map(Usage::ratio);
    }

    private double value(java.util.function.ToDoubleFunction<Usage> of) {
        Usage current = usage;
        return current == null ? Double.NaN : of.applyAsDouble(current);
    }

    private synchronized void announce() {
        Pace pace = pace();
        if (pace == announced) {
            return;
        }
        Usage current = usage;
        String reported = current == null ? "not reported yet"
                : "%d of %d calls (%.0f %%)".formatted(current.used(), current.allowance(), current.ratio() * 100);
        switch (pace) {
            case SLOWED -> LOG.warn("Salesforce API usage {} is above {} % of the daily allowance: deliveries"
                    + " slowed to one claim per {}", reported, Math.round(slowDownAt * 100), slowedInterval);
            case PAUSED -> LOG.warn("Salesforce refused calls: the daily API allowance is used up"
                    + " (REQUEST_LIMIT_EXCEEDED, usage {}); deliveries paused until {}", reported, pausedUntil);
            case NORMAL -> LOG.info("Salesforce API usage {}: deliveries at full speed again", reported);
        }
        announced = pace;
    }
}
