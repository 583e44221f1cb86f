package dev.tcccbridge.desk;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code bridge.desk.callbacks}: answered Desk callbacks by {@code command} and {@code outcome}
 * (matched, no_match, fallback, refused, error), with their latency.
 * In Prometheus: {@code bridge_desk_callbacks_seconds_count}, {@code _sum}, {@code _bucket}.
 */
@Component
public class DeskMetrics {

    static final String NAME = "bridge.desk.callbacks";

    private final MeterRegistry registry;

    public DeskMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(DeskCommand command, DeskOutcome outcome, Duration latency) {
        Timer.builder(NAME)
                .description("Desk callbacks answered, by command and outcome")
                .tag("command", command == null ? "none" : command.metricName())
                .tag("outcome", outcome.tag())
                .serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000),
                        Duration.ofMillis(1500), Duration.ofMillis(3000))
                .register(registry)
                .record(latency);
    }
}
