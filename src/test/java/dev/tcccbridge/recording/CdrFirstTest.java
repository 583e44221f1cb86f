package dev.tcccbridge.recording;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.recording.CdrFirst.Decision;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CdrFirstTest {

    static final OffsetDateTime RECEIVED = OffsetDateTime.of(2024, 4, 1, 10, 0, 0, 0, ZoneOffset.UTC);
    static final Duration AWAIT = Duration.ofMinutes(10);
    static final Duration RECHECK = Duration.ofSeconds(30);

    static Decision decide(List<String> cdrStates, Duration sinceArrival) {
        return CdrFirst.decide(cdrStates, RECEIVED, RECEIVED.plus(sinceArrival), AWAIT, RECHECK);
    }

    @Test
    void aDeliveredCdrLetsTheRecordingGo() {
        assertThat(decide(List.of("DONE"), Duration.ZERO).waitFor()).isNull();
        // a repeated CDR still pending does not hold it up once one is delivered
        assertThat(decide(List.of("PENDING", "DONE"), Duration.ZERO).waitFor()).isNull();
    }

    @Test
    void withoutADeliveredCdrTheRecordingWaitsAndIsLookedAtAgainAfterTheRecheck() {
        Decision absent = decide(List.of(), Duration.ofSeconds(5));
        Decision pending = decide(List.of("PENDING"), Duration.ofMinutes(3));

        assertThat(absent.waitFor()).isEqualTo(RECHECK);
        assertThat(absent.reason()).contains("waiting for the call's CDR (not received yet) until 2024-04-01T10:10Z");
        assertThat(pending.waitFor()).isEqualTo(RECHECK);
        assertThat(pending.reason()).contains("not delivered yet");
    }

    @Test
    void theLastWaitEndsExactlyWhenAwaitCdrHasPassed() {
        assertThat(decide(List.of(), AWAIT.minusSeconds(10)).waitFor()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void afterAwaitCdrTheRecordingGoesWhateverTheCdr() {
        assertThat(decide(List.of(), AWAIT).waitFor()).isNull();
        assertThat(decide(List.of("PENDING"), AWAIT.plusHours(3)).waitFor()).isNull();
    }

    @Test
    void aDeadCdrHoldsNothingUp() {
        assertThat(decide(List.of("DEAD"), Duration.ZERO).waitFor()).isNull();
        assertThat(decide(List.of("DEAD", "DEAD"), Duration.ZERO).reason()).contains("dead");
        // unless another push of it may still be delivered
        assertThat(decide(List.of("DEAD", "PENDING"), Duration.ZERO).waitFor()).isEqualTo(RECHECK);
    }

    @Test
    void awaitCdrOfZeroMeansNoWait() {
        assertThat(CdrFirst.decide(List.of(), RECEIVED, RECEIVED, Duration.ZERO, RECHECK).waitFor()).isNull();
    }
}
