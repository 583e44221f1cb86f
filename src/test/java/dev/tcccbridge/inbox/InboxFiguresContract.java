package dev.tcccbridge.inbox;

import static dev.tcccbridge.testing.InboxRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.reconcile.CdrWindow;
import dev.tcccbridge.reconcile.LastReconcileRun;
import dev.tcccbridge.reconcile.ReconcileRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the operations console and the alerts read of the database, on the database of the subclass: the
 * inbox by status and action with the oldest waiting row, rows finished per minute, dead rows by reason and
 * their replay, the quarantine, the last reconciliation run; the gauges after a count.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InboxFiguresContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:30Z");
    static final OffsetDateTime AT = NOW.atOffset(ZoneOffset.UTC);

    private JdbcTemplate jdbc;
    private InboxStatistics statistics;
    private SimpleMeterRegistry metrics;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    abstract DataSource newDatabase();

    @BeforeAll
    void migrate() {
        DataSource dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void empty() {
        jdbc.update("DELETE FROM tccc_inbox");
        jdbc.update("DELETE FROM tccc_quarantine");
        metrics = new SimpleMeterRegistry();
        statistics = new InboxStatistics(jdbc, clock, metrics);
    }

    @Test
    void unfinishedRowsAreCountedByStatusAndActionWithTheOldestAndTheGaugesFollow() {
        row("p1").status("PENDING").receivedAt(AT.minusMinutes(40)).insert(jdbc);
        row("p2").status("PENDING").receivedAt(AT.minusMinutes(5)).insert(jdbc);
        row("r1").action("record").status("PENDING").receivedAt(AT.minusSeconds(30)).insert(jdbc);
        row("d1").status("DEAD").receivedAt(AT.minusHours(2)).insert(jdbc);
        row("done").receivedAt(AT.minusHours(3)).insert(jdbc);

        List<InboxStatistics.Count> counts = statistics.unfinished();

        assertThat(counts).extracting(c -> c.status() + "/" + c.action() + "=" + c.rows())
                .containsExactly("DEAD/cdr=1", "PENDING/cdr=2", "PENDING/record=1");
        assertThat(counts.get(1).oldest().toInstant()).isEqualTo(AT.minusMinutes(40).toInstant());
        assertThat(statistics.ageSeconds(counts.get(1).oldest())).isEqualTo(2400);

        assertThat(gauge("bridge.inbox.oldest.waiting", "action", "cdr")).as("before a count").isZero();
        statistics.refresh();
        assertThat(gauge("bridge.inbox.oldest.waiting", "action", "cdr")).isEqualTo(2400);
        assertThat(gauge("bridge.inbox.oldest.waiting", "action", "record")).isEqualTo(30);
        assertThat(gauge("bridge.inbox.oldest.waiting", "action", "voicemail")).isZero();
        assertThat(metrics.get("bridge.inbox.rows").tags("status", "pending", "action", "cdr").gauge().value())
                .isEqualTo(2);
        assertThat(metrics.get("bridge.inbox.rows").tags("status", "dead", "action", "cdr").gauge().value())
                .isEqualTo(1);
        assertThat(metrics.get("bridge.delivery.rows").tags("action", "record", "outcome", "dead").counter().count())
                .as("there at 0 before the first dead row").isZero();
    }

    @Test
    void finishedRowsAreCountedPerMinuteOfTheLastHourZerosIncluded() {
        OffsetDateTime minute = OffsetDateTime.parse("2026-03-01T09:58:00Z");
        row("a").receivedAt(minute).finishedAt(minute.plusSeconds(1)).insert(jdbc);
        row("b").receivedAt(minute).finishedAt(minute.plusSeconds(59)).insert(jdbc);
        row("c").status("DEAD").receivedAt(minute).finishedAt(minute.plusSeconds(30)).insert(jdbc);
        row("now").receivedAt(AT).finishedAt(AT).insert(jdbc);
        row("old").receivedAt(AT.minusHours(2)).finishedAt(AT.minusMinutes(61)).insert(jdbc);
        row("waiting").status("PENDING").receivedAt(minute).insert(jdbc);

        List<InboxStatistics.Minute> minutes = statistics.perMinute(60);

        assertThat(minutes).hasSize(60);
        assertThat(minutes.get(59).minute()).isEqualTo(OffsetDateTime.parse("2026-03-01T10:00:00Z"));
        assertThat(minutes.get(0).minute()).isEqualTo(OffsetDateTime.parse("2026-03-01T09:01:00Z"));
        assertThat(minutes.get(57)).isEqualTo(new InboxStatistics.Minute(minute, 2, 1));
        assertThat(minutes.get(59).delivered()).isEqualTo(1);
        assertThat(minutes.stream().mapToLong(m -> m.delivered() + m.dead()).sum()).isEqualTo(4);
    }

    @Test
    void deadRowsAreGroupedByReasonAndOneReasonIsReplayedAlone() {
        long first = row("x1").status("DEAD").receivedAt(AT.minusHours(1)).insert(jdbc);
        long second = row("x2").status("DEAD").receivedAt(AT.minusHours(1)).insert(jdbc);
        long other = row("y1").status("DEAD").receivedAt(AT.minusHours(1)).insert(jdbc);
        jdbc.update("UPDATE tccc_inbox SET last_error = 'Salesforce 400 INVALID_FIELD: no' WHERE id IN (?, ?)", first,
                second);
        jdbc.update("UPDATE tccc_inbox SET last_error = 'mail 550 no such user' WHERE id = ?", other);

        assertThat(statistics.deadReasons(10)).extracting(r -> r.reason() + "=" + r.rows())
                .containsExactly("Salesforce 400 INVALID_FIELD: no=2", "mail 550 no such user=1");

        assertThat(new InboxReplays(jdbc, clock).replayDead("Salesforce 400 INVALID_FIELD: no")).isEqualTo(2);

        assertThat(jdbc.queryForList("SELECT status FROM tccc_inbox ORDER BY id", String.class))
                .containsExactly("PENDING", "PENDING", "DEAD");
        assertThat(new InboxReplays(jdbc, clock).replayDead("Salesforce 400 INVALID_FIELD")).as("exactly the reason")
                .isZero();
    }

    @Test
    void quarantinedPushesAreListedTheMostRecentFirstWithTheirBodyAsText() {
        QuarantineRepository quarantine = new QuarantineRepository(jdbc, clock);
        quarantine.keep("q1", "cdr", 400, "field Duration has the wrong type", "{\"X-A\":\"1\"}",
                "{\"SessionId\":\"张伟\"}".getBytes(StandardCharsets.UTF_8));
        jdbc.update("UPDATE tccc_quarantine SET received_at = ? WHERE push_id = 'q1'", AT.minusMinutes(1));
        quarantine.keep("q2", "bogus", 400, "unknown action", "{}", new byte[] {(byte) 0xff, 'a'});

        List<QuarantineRepository.Quarantined> rows = quarantine.recent(10);

        assertThat(rows).extracting(QuarantineRepository.Quarantined::pushId).containsExactly("q2", "q1");
        assertThat(rows.get(1).body()).isEqualTo("{\"SessionId\":\"张伟\"}");
        assertThat(rows.get(1).headers()).isEqualTo("{\"X-A\":\"1\"}");
        assertThat(rows.get(0).body()).isEqualTo("\ufffda");
        assertThat(rows.get(0).bodyBytes()).isEqualTo(2);
        assertThat(quarantine.count()).isEqualTo(2);
        assertThat(quarantine.recent(1)).hasSize(1);
    }

    @Test
    void theLastReconciliationRunIsKeptWhetherDoneOrFailedButNotWhenSkipped() {
        LastReconcileRun last = new LastReconcileRun(jdbc, clock, "instance-a");
        assertThat(last.last()).isEmpty();

        last.record(new ReconcileRun(ReconcileRun.DONE, 2, 150, 3, 4, 1, 0, 2, null),
                new CdrWindow(NOW.minusSeconds(7200).getEpochSecond(), NOW.getEpochSecond()));
        LastReconcileRun.Entry done = last.last().orElseThrow();
        assertThat(done.run()).isEqualTo(new ReconcileRun(ReconcileRun.DONE, 2, 150, 3, 4, 1, 0, 2, null));
        assertThat(done.runBy()).isEqualTo("instance-a");
        assertThat(done.finishedAt().toInstant()).isEqualTo(NOW);
        assertThat(done.windowStart().toInstant()).isEqualTo(NOW.minusSeconds(7200));

        new LastReconcileRun(jdbc, clock, "instance-b").record(new ReconcileRun(ReconcileRun.SKIPPED, 0, 0, 0, 0, 0, 0,
                0, null), null);
        assertThat(last.last().orElseThrow().runBy()).as("a skipped run ran nothing").isEqualTo("instance-a");

        new LastReconcileRun(jdbc, clock, "instance-b").record(new ReconcileRun(ReconcileRun.FAILED, 0, 0, 0, 0, 0, 0,
                0, "DescribeTelCdr failed: AuthFailure"), null);
        LastReconcileRun.Entry failed = last.last().orElseThrow();
        assertThat(failed.run().outcome()).isEqualTo("failed");
        assertThat(failed.run().error()).isEqualTo("DescribeTelCdr failed: AuthFailure");
        assertThat(failed.windowStart()).isNull();
        assertThat(failed.runBy()).isEqualTo("instance-b");
    }

    private double gauge(String name, String tag, String value) {
        return metrics.get(name).tags(tag, value).gauge().value();
    }
}
