package dev.tcccbridge.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

class RecordingPropertiesTest {

    static final LocalValidatorFactoryBean VALIDATOR = validator();

    @AfterAll
    static void close() {
        VALIDATOR.close();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        RecordingProperties defaults = bind(Map.of());

        assertThat(defaults.taskField()).isEqualTo("TCCC_Recordings__c");
        assertThat(defaults.archive()).isFalse();
        assertThat(defaults.maxBytes()).isEqualTo(DataSize.ofMegabytes(25));
        assertThat(defaults.downloadTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aFileLargerThanOneSalesforceJsonRequestCarriesIsRefusedAtStartUp() {
        assertThat(bind(Map.of("bridge.recording.max-bytes", "28125000B")).maxBytes().toBytes()).isEqualTo(28_125_000L);
        assertThatThrownBy(() -> bind(Map.of("bridge.recording.max-bytes", "30MB")))
                .hasStackTraceContaining("Salesforce takes 37.5 MB of base64");
        assertThatThrownBy(() -> bind(Map.of("bridge.recording.max-bytes", "0B")))
                .hasStackTraceContaining("max-bytes must be between");
        assertThatThrownBy(() -> bind(Map.of("bridge.recording.download-timeout", "0s")))
                .hasStackTraceContaining("download-timeout must be positive");
        assertThatThrownBy(() -> bind(Map.of("bridge.recording.task-field", " ")))
                .hasStackTraceContaining("taskField");
    }

    private static RecordingProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("bridge.recording", Bindable.of(RecordingProperties.class),
                        new ValidationBindHandler(VALIDATOR));
    }

    private static LocalValidatorFactoryBean validator() {
        LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
        validator.afterPropertiesSet();
        return validator;
    }
}
