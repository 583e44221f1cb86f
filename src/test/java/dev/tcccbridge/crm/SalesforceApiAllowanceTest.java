package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcccbridge.crm.SalesforceApiAllowance.Pace;
import dev.tcccbridge.testing.MovableClock;
import dev.tcccbridge.testing.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pace deliveries keep from what Salesforce reports of the org's daily API allowance. */
class SalesforceApiAllowanceTest {

    final MovableClock clock = new MovableClock(Instant.parse("2026-03-02T09:41:07Z"));
    final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    final SalesforceApiAllowance allowance = new SalesforceApiAllowance(
            new SalesforceApiProperties(0.8, Duration.ofMinutes(1)), clock, metrics);

    @Test
    void belowTheShareDeliveriesGoAtFullSpeedAndTheFiguresAreShown() {
        assertThat(gauge("bridge.salesforce.api.usage.ratio")).isNaN();
        allowance.observe("api-usage=1200/15000");

        assertThat(allowance.pace()).isEqualTo(Pace.NORMAL);
        assertThat(allowance.deliveryDue()).isTrue();
        allowance.claimed();
        assertThat(allowance.deliveryDue()).isTrue();
        assertThat(gauge("bridge.salesforce.api.usage.ratio")).isEqualTo(0.08);
        assertThat(gauge("bridge.salesforce.api.remaining")).isEqualTo(13800);
        assertThat(gauge("bridge.salesforce.api.used")).isEqualTo(1200);
        assertThat(gauge("bridge.salesforce.api.allowance")).isEqualTo(15000);
        assertThat(gauge("bridge.salesforce.api.slowed")).isZero();
        SalesforceApiAllowance.Snapshot snapshot = allowance.snapshot();
        assertThat(snapshot.remaining()).isEqualTo(13800);
        assertThat(snapshot.reportedAt()).isEqualTo(clock.instant());
        assertThat(snapshot.pausedUntil()).isNull();
    }

    @Test
    void aboveTheShareOneClaimPerIntervalUntilUsageDropsAgain() {
        allowance.observe("api-usage=12001/15000, per-app-api-usage=2/250(appName=other)");

        assertThat(allowance.pace()).isEqualTo(Pace.SLOWED);
        assertThat(gauge("bridge.salesforce.api.slowed")).isEqualTo(1);
        // polls that find nothing do not count
        assertThat(allowance.deliveryDue()).isTrue();
        assertThat(allowance.deliveryDue()).isTrue();
        allowance.claimed();
        assertThat(allowance.deliveryDue()).isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(allowance.deliveryDue()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(allowance.deliveryDue()).isTrue();
        allowance.claimed();
        assertThat(allowance.deliveryDue()).isFalse();

        // the 24 hours roll on: usage is lower on the next answer
        allowance.observe("api-usage=9000/15000");
        assertThat(allowance.pace()).isEqualTo(Pace.NORMAL);
        assertThat(allowance.deliveryDue()).isTrue();
        allowance.claimed();
        assertThat(allowance.deliveryDue()).isTrue();
    }

    @Test
    void limitExceededPausesUntilTheNextFullHour() {
        allowance.observe("api-usage=15000/15000");
        allowance.limitExceeded();

        assertThat(allowance.pace()).isEqualTo(Pace.PAUSED);
        assertThat(allowance.snapshot().pausedUntil()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(gauge("bridge.salesforce.api.slowed")).isEqualTo(2);
        assertThat(allowance.deliveryDue()).isFalse();
        clock.advance(Duration.ofMinutes(18));
        assertThat(allowance.deliveryDue()).isFalse();
        clock.advance(Duration.ofSeconds(53));
        // the hour has come: still above the share, so slowed, but claims go again
        assertThat(allowance.pace()).isEqualTo(Pace.SLOWED);
        assertThat(allowance.deliveryDue()).isTrue();
    }

    @Test
    void headersWithoutUsageChangeNothing() {
        allowance.observe(null);
        allowance.observe("per-app-api-usage=17/250(appName=sample)");

        assertThat(allowance.snapshot().used()).isNull();
        assertThat(allowance.pace()).isEqualTo(Pace.NORMAL);
    }

    @Test
    void settingsAreCheckedAtStartNamingTheKey() {
        SalesforceApiProperties defaults = Settings.bind("bridge.crm.salesforce.api", SalesforceApiProperties.class,
                Map.of());
        assertThat(defaults.slowDownAt()).isEqualTo(0.8);
        assertThat(defaults.slowedPollInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThatThrownBy(() -> Settings.bind("bridge.crm.salesforce.api", SalesforceApiProperties.class,
                Map.of("bridge.crm.salesforce.api.slow-down-at", "1.5"))).hasStackTraceContaining("slowDownAt");
        assertThatThrownBy(() -> Settings.bind("bridge.crm.salesforce.api", SalesforceApiProperties.class,
                Map.of("bridge.crm.salesforce.api.slowed-poll-interval", "0s")))
                .hasStackTraceContaining("slowed-poll-interval must be positive");
    }

    private double gauge(String name) {
        return metrics.get(name).gauge().value();
    }
}
