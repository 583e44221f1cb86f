package dev.tcccbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tcccbridge.tcccapi.TcccApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The time window of a run, and how its CDRs are asked for page by page (the route's loop). */
class TelCdrPagesTest {

    private final List<Integer> asked = new ArrayList<>();
    private final List<Integer> received = new ArrayList<>();

    @Test
    void theWindowIsTheLookbackUpToNowInWholeSeconds() {
        CdrWindow window = CdrWindow.lookingBack(Instant.parse("2026-03-01T10:00:00.250Z"), Duration.ofHours(2));

        assertThat(window.startTimeStamp()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z").getEpochSecond());
        assertThat(window.endTimeStamp()).isEqualTo(Instant.parse("2026-03-01T10:00:01Z").getEpochSecond());
        assertThat(CdrWindow.lookingBack(Instant.parse("2026-03-01T10:00:00Z"), Duration.ofHours(2)).endTimeStamp())
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z").getEpochSecond());
    }

    @Test
    void theWindowStartsNoEarlierThanTheRetentionHorizonAndIsEmptyWhenItLiesBeforeIt() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");
        Duration lookback = Duration.ofHours(2);

        assertThat(CdrWindow.lookingBack(now, lookback, Optional.of(Instant.parse("2026-02-01T00:00:00Z"))))
                .as("deleted long before the lookback").contains(CdrWindow.lookingBack(now, lookback));
        assertThat(CdrWindow.lookingBack(now, lookback, Optional.of(Instant.parse("2026-03-01T09:30:00.5Z"))))
                .contains(new CdrWindow(Instant.parse("2026-03-01T09:30:01Z").getEpochSecond(), now.getEpochSecond()));
        assertThat(CdrWindow.lookingBack(now, lookback, Optional.of(now))).isEmpty();
        assertThat(CdrWindow.lookingBack(now, lookback, Optional.empty())).contains(CdrWindow.lookingBack(now, lookback));
    }

    @Test
    void pagesAreAskedFromZeroUntilTotalCountHasCome() throws Exception {
        int pages = runAll(new TelCdrPages(source(250), 100));

        assertThat(pages).isEqualTo(3);
        assertThat(asked).containsExactly(0, 1, 2);
        assertThat(received).containsExactly(100, 100, 50);
    }

    @Test
    void aFullLastPageEndsAtTotalCountWithoutAnEmptyRequest() throws Exception {
        assertThat(runAll(new TelCdrPages(source(200), 100))).isEqualTo(2);
        assertThat(asked).containsExactly(0, 1);
    }

    @Test
    void aShortPageEndsTheRunEvenWhenTotalCountSaysMore() throws Exception {
        TelCdrPages pages = new TelCdrPages((window, number, size) -> {
            asked.add(number);
            return new TelCdrPage(1000, items(number == 0 ? size : 3), "r" + number);
        }, 100);

        assertThat(runAll(pages)).isEqualTo(2);
    }

    @Test
    void anEmptyWindowIsOneRequest() throws Exception {
        assertThat(runAll(new TelCdrPages(source(0), 100))).isEqualTo(1);
        assertThat(received).containsExactly(0);
    }

    @Test
    void nothingIsAskedWhenThereIsNoWindow() {
        ReconcileProgress run = new ReconcileProgress(null, 0);

        assertThat(new TelCdrPages(source(10), 100).more(run)).isFalse();
        assertThatThrownBy(() -> new TelCdrPages(source(10), 100).next(run)).isInstanceOf(IllegalStateException.class);
        assertThat(asked).isEmpty();
    }

    @Test
    void anApiErrorStopsThePaging() {
        TelCdrPages pages = new TelCdrPages((window, number, size) -> {
            asked.add(number);
            if (number == 1) {
                throw new TcccApiException("DescribeTelCdr failed: RequestLimitExceeded", "RequestLimitExceeded", "req-1",
                        null);
            }
            return new TelCdrPage(300, items(size), "r" + number);
        }, 100);

        assertThatThrownBy(() -> runAll(pages))
                .isInstanceOf(TcccApiException.class).extracting("requestId").isEqualTo("req-1");
        assertThat(received).containsExactly(100);
    }

    @Test
    void pagesLargerThanTheApiAllowsAreRefused() {
        assertThatThrownBy(() -> new TelCdrPages(source(1), 101)).isInstanceOf(IllegalArgumentException.class);
    }

    /** As the route's loop does: while there is more, the next page. @return pages asked */
    private int runAll(TelCdrPages pages) throws TcccApiException {
        ReconcileProgress run = new ReconcileProgress(new CdrWindow(0, 10), 0);
        while (pages.more(run)) {
            received.add(pages.next(run).size());
        }
        return run.run(ReconcileRun.DONE, null).pages();
    }

    private TelCdrSource source(int total) {
        return (window, number, size) -> {
            asked.add(number);
            int from = number * size;
            return new TelCdrPage(total, items(Math.max(0, Math.min(size, total - from))), "r" + number);
        };
    }

    private static List<JsonNode> items(int n) {
        return IntStream.range(0, n).<JsonNode>mapToObj(i -> JsonNodeFactory.instance.objectNode()
                .put("SessionId", "s" + i)).toList();
    }
}
