package dev.tcccbridge.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void delayDoublesFromTheBaseUpToTheMaximum() {
        Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(30), 0.2, () -> 0.0);

        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.after(7)).isEqualTo(Duration.ofMinutes(30));
        assertThat(backoff.after(500)).isEqualTo(Duration.ofMinutes(30));
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void jitterTakesOffAtMostItsShare() {
        Backoff most = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(30), 0.2, () -> 0.999_999);
        Backoff half = new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(30), 0.2, () -> 0.5);

        assertThat(most.after(1)).isBetween(Duration.ofSeconds(8), Duration.ofMillis(8001));
        assertThat(half.after(2)).isEqualTo(Duration.ofSeconds(18));
    }

    @Test
    void randomJitterStaysWithinItsBounds() {
        Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(40), 0.5);
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.after(3)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(40));
        }
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
