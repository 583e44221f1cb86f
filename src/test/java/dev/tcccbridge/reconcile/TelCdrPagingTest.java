package dev.tcccbridge.reconcile;

import dev.tcccbridge.tcccapi.TcccApiException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The time window of a run, and how its CDRs are asked for page by page. */
class TelCdrPagingTest {

    private final List<Integer> asked = new ArrayList<>();
    private final List<Integer> received = new ArrayList<>();
    private int turns;

    @Test
    void theWindowIsTheLookbackUpToNowInWholeSeconds() {
        CdrWindow window = CdrWindow.lookingBack(Instant.parse("2026-03-01T10:00:00.250Z"), Duration.ofHours(2));

        assertThat(window.startTimeStamp()).isEqualTo(Instant.parse("2026-03-01T08:00:00Z").getEpochSecond());
        assertThat(window.endTimeStamp()).isEqualTo(Instant.parse("2026-03-01T10:00:01Z").getEpochSecond());
        assertThat(CdrWindow.lookingBack(Instant.parse("2026-03-01T10:00:00Z"), Duration.ofHours(2)).endTimeStamp())
                .isEqualTo(Instant.parse("2026-03-01T10:00:00Z").getEpochSecond());
    }

    @Test
    void pagesAreAskedFromZeroUntilTotalCountHasCome() throws Exception {
        TelCdrPaging paging = new TelCdrPaging(source(250), 100, () -> turns++);

        int pages = paging.forEachPage(new CdrWindow(0, 10), page -> received.add(page.items().size()));

        assertThat(pages).isEqualTo(3);
        assertThat(asked).containsExactly(0, 1, 2);
        assertThat(received).containsExactly(100, 100, 50);
        assertThat(turns).as("every request waits its turn").isEqualTo(3);
    }

    @Test
    void aFullLastPageEndsAtTotalCountWithoutAnEmptyRequest() throws Exception {
        TelCdrPaging paging = new TelCdrPaging(source(200), 100, () -> turns++);

        assertThat(paging.forEachPage(new CdrWindow(0, 10), page -> received.add(page.items().size()))).isEqualTo(2);
        assertThat(asked).containsExactly(0, 1);
    }

    @Test
    void aShortPageEndsTheRunEvenWhenTotalCountSaysMore() throws Exception {
        TelCdrPaging paging = new TelCdrPaging((window, number, size) -> {
            asked.add(number);
            return new TelCdrPage(1000, items(number == 0 ? size : 3), "r" + number);
        }, 100, () -> turns++);

        assertThat(paging.forEachPage(new CdrWindow(0, 10), page -> { })).isEqualTo(2);
    }

    @Test
    void anEmptyWindowIsOneRequest() throws Exception {
        TelCdrPaging paging = new TelCdrPaging(source(0), 100, () -> turns++);

        assertThat(paging.forEachPage(new CdrWindow(0, 10), page -> received.add(page.items().size()))).isEqualTo(1);
        assertThat(received).containsExactly(0);
    }

    @Test
    void anApiErrorStopsThePaging() {
        TelCdrPaging paging = new TelCdrPaging((window, number, size) -> {
            asked.add(number);
            if (number == 1) {
                throw new TcccApiException("DescribeTelCdr failed: RequestLimitExceeded", "RequestLimitExceeded", "req-1", null);
            }
            return new TelCdrPage(300, items(size), "r" + number);
        }, 100, () -> turns++);

        assertThatThrownBy(() -> paging.forEachPage(new CdrWindow(0, 10), page -> received.add(page.items().size())))
                .isInstanceOf(TcccApiException.class).extracting("requestId").isEqualTo("req-1");
        assertThat(received).containsExactly(100);
    }

    @Test
    void requestsAreAtLeastAOneTwentiethOfASecondApart() throws Exception {
        TelCdrPaging.MinimumGap pacer = new TelCdrPaging.MinimumGap(50_000_000L);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            pacer.awaitTurn();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void pagesLargerThanTheApiAllowsAreRefused() {
        assertThatThrownBy(() -> new TelCdrPaging(source(1), 101)).isInstanceOf(IllegalArgumentException.class);
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
