package dev.tcccbridge.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** bridge.delivery.* is checked when the bridge starts, with a message that names the key. */
class DeliveryPropertiesTest {

    static final LocalValidatorFactoryBean VALIDATOR = validator();

    @AfterAll
    static void close() {
        VALIDATOR.close();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        DeliveryProperties defaults = bind(Map.of());

        assertThat(defaults.retryWindow()).isEqualTo(Duration.ofHours(24));
        assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.lease()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.batchSize()).isEqualTo(50);
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
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("bridge.delivery", Bindable.of(DeliveryProperties.class),
                        new ValidationBindHandler(VALIDATOR));
    }

    private static LocalValidatorFactoryBean validator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return validator;
    }
}
