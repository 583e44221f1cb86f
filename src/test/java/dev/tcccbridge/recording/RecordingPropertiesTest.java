package dev.tcccbridge.recording;

import dev.tcccbridge.testing.Settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class RecordingPropertiesTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        RecordingProperties defaults = bind(Map.of());

        assertThat(defaults.taskField()).isEqualTo("TCCC_Recordings__c");
        assertThat(defaults.archive()).isFalse();
        assertThat(defaults.maxBytes()).isEqualTo(DataSize.ofMegabytes(25));
        assertThat(defaults.downloadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.archiveBefore()).isEqualTo(Duration.ofDays(75));
        assertThat(defaults.linkLifetime()).isEqualTo(Duration.ofDays(90));
        assertThat(defaults.sweep()).isEqualTo(new RecordingProperties.Sweep(true, Duration.ofMinutes(15),
                Duration.ofMinutes(5), 200, 30));
    }

    @Test
    void theSweepMustArchiveBeforeTheLinksExpire() {
        assertThatThrownBy(() -> bind(Map.of("bridge.recording.archive-before", "90d")))
                .hasStackTraceContaining("archive-before must be positive and shorter than link-lifetime");
        assertThat(bind(Map.of("bridge.recording.archive-before", "150d", "bridge.recording.link-lifetime", "180d"))
                .archiveBefore()).isEqualTo(Duration.ofDays(150));
        assertThatThrownBy(() -> bind(Map.of("bridge.recording.sweep.per-minute", "0"))).hasStackTraceContaining("perMinute");
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
        return Settings.bind("bridge.recording", RecordingProperties.class, properties);
    }
}
