package dev.tcccbridge.inbox;

import dev.tcccbridge.tccc.PushAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The inbox in figures, for the operations console and the alerts: rows waiting ({@code PENDING}) and
 * dead, by action, with the age of the oldest waiting row; rows finished per minute. The gauges
 * {@code bridge_inbox_rows{status,action}} and {@code bridge_inbox_oldest_waiting_seconds{action}} show
 * the figures of the last {@link #refresh()} (the whole inbox, whichever instance stored or delivered
 * it), so that a scrape never waits for the database.
 */
@Repository
public class InboxStatistics {

    /**
     * Rows of one status and action.
     *
     * @param oldest when the oldest of them arrived (or was last replayed)
     */
    public record Count(String status, String action, long rows, OffsetDateTime oldest) {
    }

    /** Rows finished in one minute: delivered and dead. */
    public record Minute(OffsetDateTime minute, long delivered, long dead) {
    }

    /** Dead rows that died of the same reason. */
    public record DeadReason(String reason, long rows, OffsetDateTime lastDied) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(InboxStatistics.class);
    private static final String[] GAUGED = {DeliveryRepository.PENDING, DeliveryRepository.DEAD};
    private static final String MINUTE = "CAST(FLOOR(EXTRACT(EPOCH FROM finished_at) / 60) AS BIGINT)";

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, AtomicLong> rows = new HashMap<>();
    private final Map<PushAction, AtomicLong> oldestSeconds = new EnumMap<>(PushAction.class);

    public InboxStatistics(JdbcTemplate jdbc, Clock clock, MeterRegistry metrics) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
        for (PushAction action : PushAction.values()) {
            for (String status : GAUGED) {
                AtomicLong count = new AtomicLong();
                rows.put(status + "/" + action.value(), count);
                Gauge.builder("bridge.inbox.rows", count, AtomicLong::get)
                        .description("Inbox rows waiting for delivery (pending) or dead, by action, at the last count")
                        .tag("status", status.toLowerCase(Locale.ROOT)).tag("action", action.value())
                        .register(metrics);
            }
            AtomicLong oldest = new AtomicLong();
            oldestSeconds.put(action, oldest);
            Gauge.builder("bridge.inbox.oldest.waiting", oldest, AtomicLong::get)
                    .description("Age of the oldest inbox row waiting for delivery, by action (0: none waits)")
                    .baseUnit("seconds").tag("action", action.value()).register(metrics);
            // every outcome exported from the start, so that an alert sees the first dead row as an increase
            for (String outcome : new String[] {"done", "retry", "dead", "deferred"}) {
                Counter.builder("bridge.delivery.rows")
                        .description("Inbox rows whose delivery attempt ended, by action and outcome")
                        .tag("action", action.value()).tag("outcome", outcome).register(metrics);
            }
        }
    }

    /** Waiting and dead rows by status and action; the oldest of each group. */
    public List<Count> unfinished() {
        return jdbc.query("""
                SELECT status, action, COUNT(*) AS n, MIN(COALESCE(replayed_at, received_at)) AS oldest
                FROM tccc_inbox WHERE status IN ('PENDING', 'DEAD') GROUP BY status, action ORDER BY status, action""",
                Map.of(), (rs, row) -> new Count(rs.getString("status"), rs.getString("action"), rs.getLong("n"),
                        rs.getObject("oldest", OffsetDateTime.class)));
    }

    /** Rows delivered and dead in each of the last {@code minutes} minutes, the oldest first (zero-filled). */
    public List<Minute> perMinute(int minutes) {
        Instant now = clock.instant();
        long last = now.getEpochSecond() / 60;
        long first = last - minutes + 1;
        Map<Long, long[]> counts = new HashMap<>();
        jdbc.query("SELECT " + MINUTE + " AS m, status, COUNT(*) AS n FROM tccc_inbox"
                        + " WHERE status IN ('DONE', 'DEAD') AND finished_at >= :since GROUP BY " + MINUTE + ", status",
                Map.of("since", OffsetDateTime.ofInstant(Instant.ofEpochSecond(first * 60), ZoneOffset.UTC)), rs -> {
                    long[] pair = counts.computeIfAbsent(rs.getLong("m"), m -> new long[2]);
                    pair[DeliveryRepository.DONE.equals(rs.getString("status")) ? 0 : 1] += rs.getLong("n");
                });
        List<Minute> series = new ArrayList<>(minutes);
        for (long minute = first; minute <= last; minute++) {
            long[] pair = counts.getOrDefault(minute, new long[2]);
            series.add(new Minute(OffsetDateTime.ofInstant(Instant.ofEpochSecond(minute * 60), ZoneOffset.UTC),
                    pair[0], pair[1]));
        }
        return series;
    }

    /** Dead rows grouped by their reason (the last error), the most frequent first. */
    public List<DeadReason> deadReasons(int limit) {
        return jdbc.query("""
                SELECT last_error, COUNT(*) AS n, MAX(finished_at) AS last_died FROM tccc_inbox
                WHERE status = 'DEAD' GROUP BY last_error ORDER BY COUNT(*) DESC, MAX(finished_at) DESC LIMIT :limit""",
                Map.of("limit", limit), (rs, row) -> new DeadReason(rs.getString("last_error"), rs.getLong("n"),
                        rs.getObject("last_died", OffsetDateTime.class)));
    }

    /** Counts the inbox again for the gauges; a database that does not answer leaves the last figures. */
    public void refresh() {
        List<Count> counts;
        try {
            counts = unfinished();
        } catch (RuntimeException e) {
            LOG.warn("inbox figures not refreshed: {}", e.toString());
            return;
        }
        Map<String, Long> found = new HashMap<>();
        Map<String, OffsetDateTime> oldest = new HashMap<>();
        for (Count count : counts) {
            found.put(count.status() + "/" + count.action(), count.rows());
            if (DeliveryRepository.PENDING.equals(count.status())) {
                oldest.put(count.action(), count.oldest());
            }
        }
        rows.forEach((key, gauge) -> gauge.set(found.getOrDefault(key, 0L)));
        Instant now = clock.instant();
        oldestSeconds.forEach((action, gauge) -> {
            OffsetDateTime since = oldest.get(action.value());
            gauge.set(since == null ? 0 : Math.max(0, Duration.between(since.toInstant(), now).toSeconds()));
        });
    }

    /** Seconds since a time, for the console (null stays null). */
    public Long ageSeconds(OffsetDateTime since) {
        return since == null ? null : Math.max(0, ChronoUnit.SECONDS.between(since.toInstant(), clock.instant()));
    }
}
