package dev.tcccbridge.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcccbridge.testing.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bridge.retention.* as documented, checked at start-up; and the cutoffs a run derives from them. */
class RetentionSettingsTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void defaultsAreTheDocumentedOnes() {
        RetentionProperties retention = bind(Map.of());

        assertThat(retention.enabled()).isTrue();
        assertThat(retention.delivered()).isEqualTo(Duration.ofDays(30));
        assertThat(retention.pushIds()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.failed()).isEqualTo(Duration.ofDays(30));
        assertThat(retention.dryRunRequests()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.outboxFiles()).isEqualTo(Duration.ofDays(7));
        assertThat(retention.batchSize()).isEqualTo(500);
    }

    @Test
    void agesThatWouldLoseDataOrNeverEndAreRefused() {
        assertThatThrownBy(() -> bind(Map.of("bridge.retention.push-ids", "10m")))
                .hasStackTraceContaining("push-ids must be at least 1h");
        assertThatThrownBy(() -> bind(Map.of("bridge.retention.delivered", "0s")))
                .hasStackTraceContaining("must be positive");
        assertThatThrownBy(() -> bind(Map.of("bridge.retention.batch-size", "0"))).hasStackTraceContaining("batchSize");
    }

    @Test
    void inboxRowsWaitForTheReconciliationLookbackWhenItIsLongerThanTheirAge() {
        RetentionCutoffs usual = RetentionCutoffs.of(NOW, bind(Map.of()), Duration.ofHours(2));
        RetentionCutoffs longLookback = RetentionCutoffs.of(NOW, bind(Map.of()), Duration.ofDays(45));

        assertThat(usual.deliveredFinishedBefore()).isEqualTo(usual.deliveredArrivedBefore())
                .isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(usual.pushIdsBefore()).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(longLookback.deliveredFinishedBefore()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(longLookback.deliveredArrivedBefore()).isEqualTo(NOW.minus(Duration.ofDays(45)));
        assertThat(longLookback.deadArrivedBefore()).isEqualTo(NOW.minus(Duration.ofDays(45)));
        assertThat(RetentionCutoffs.of(NOW, bind(Map.of("bridge.retention.failed", "10d")), Duration.ofHours(2))
                .inboxHorizon()).as("the later of the two: rows before it may be gone")
                .isEqualTo(NOW.minus(Duration.ofDays(10)));
    }

    private static RetentionProperties bind(Map<String, String> values) {
        return Settings.bind("bridge.retention", RetentionProperties.class, values);
    }
}
