package dev.tcccbridge.inbox;

import dev.tcccbridge.testing.Settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

/** bridge.delivery.* is checked when the bridge starts, with a message that names the key. */
class DeliveryPropertiesTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        DeliveryProperties defaults = bind(Map.of());

        assertThat(defaults.retryWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.lease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.batchSize()).isEqualTo(200);
        assertThat(defaults.maxAttempts()).isEqualTo(5);
        assertThat(defaults.enabled()).isTrue();
    }

    @Test
    void nonsenseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> bind(Map.of("bridge.delivery.batch-size", "0")))
                .isInstanceOf(BindException.class).hasStackTraceContaining("batchSize");
        assertThatThrownBy(() -> bind(Map.of("bridge.delivery.backoff-base", "10m", "bridge.delivery.backoff-max", "1m")))
                .hasStackTraceContaining("backoff-max must not be shorter than backoff-base");
        assertThatThrownBy(() -> bind(Map.of("bridge.delivery.lease", "0s")))
                .hasStackTraceContaining("must be positive");
        assertThatThrownBy(() -> bind(Map.of("bridge.delivery.backoff-jitter", "2")))
                .hasStackTraceContaining("backoffJitter");
        assertThatThrownBy(() -> bind(Map.of("bridge.delivery.await-cdr", "-1s")))
                .hasStackTraceContaining("await-cdr must not be negative");
        assertThatThrownBy(() -> bind(Map.of("bridge.delivery.recheck", "0s")))
                .hasStackTraceContaining("must be positive");
    }

    @Test
    void recordingsWaitTenMinutesForTheirCdrUnlessSetOtherwise() {
        assertThat(bind(Map.of()).awaitCdr()).isEqualTo(Duration.ofMinutes(10));
        assertThat(bind(Map.of()).recheck()).isEqualTo(Duration.ofSeconds(30));
        assertThat(bind(Map.of("bridge.delivery.await-cdr", "0s")).awaitCdr()).isZero();
    }

    private static DeliveryProperties bind(Map<String, String> properties) {
        return Settings.bind("bridge.delivery", DeliveryProperties.class, properties);
    }
}
