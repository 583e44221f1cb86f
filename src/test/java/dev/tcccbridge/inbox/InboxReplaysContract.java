package dev.tcccbridge.inbox;

import static dev.tcccbridge.testing.InboxRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.tccc.PushAction;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/** Replays of delivered and dead rows by session and by time of arrival, on the database of the subclass. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InboxReplaysContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final OffsetDateTime DAY = OffsetDateTime.parse("2026-02-20T00:00:00Z");

    private JdbcTemplate jdbc;
    private InboxReplays replays;

    abstract DataSource newDatabase();

    @BeforeAll
    void migrate() {
        DataSource dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        replays = new InboxReplays(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @BeforeEach
    void empty() {
        jdbc.update("DELETE FROM tccc_inbox");
    }

    @Test
    void aSessionsDeliveredAndDeadRowsAreDueAgainAndItsPendingOnesAndOtherSessionsUntouched() {
        long done = row("done").session("s-1").receivedAt(DAY).insert(jdbc);
        long dead = row("dead").session("s-1").action("record").status("DEAD").receivedAt(DAY).insert(jdbc);
        long pending = row("pending").session("s-1").status("PENDING").receivedAt(DAY).insert(jdbc);
        long other = row("other").session("s-2").receivedAt(DAY).insert(jdbc);

        assertThat(replays.replay(InboxReplays.Selection.session("s-1", null))).isEqualTo(2);

        assertThat(state(done)).containsEntry("status", "PENDING").containsEntry("finished_at", null);
        assertThat(time("replayed_at", done)).isEqualTo(NOW);
        assertThat(time("next_attempt_at", done)).isEqualTo(NOW);
        assertThat(state(dead)).containsEntry("status", "PENDING");
        assertThat(state(pending)).containsEntry("replayed_at", null);
        assertThat(state(other)).containsEntry("status", "DONE").containsEntry("replayed_at", null);
    }

    @Test
    void aTimeRangeTakesRowsThatArrivedFromItsStartToBeforeItsEndOfTheActionAsked() {
        long before = row("before").receivedAt(DAY.minusNanos(1_000_000)).insert(jdbc);
        long first = row("first").receivedAt(DAY).insert(jdbc);
        long voicemail = row("voicemail").action("voicemail").receivedAt(DAY.plusHours(1)).insert(jdbc);
        long last = row("last").receivedAt(DAY.plusDays(1).minusNanos(1_000_000)).insert(jdbc);
        long after = row("after").receivedAt(DAY.plusDays(1)).insert(jdbc);

        assertThat(replays.replay(InboxReplays.Selection.arrived(DAY, DAY.plusDays(1), PushAction.CDR))).isEqualTo(2);

        assertThat(List.of(before, first, voicemail, last, after)).extracting(id -> state(id).get("status"))
                .containsExactly("DONE", "PENDING", "DONE", "PENDING", "DONE");
        assertThat(replays.replay(InboxReplays.Selection.arrived(DAY, DAY.plusDays(1), null)))
                .as("the cdr rows are pending now; the voicemail is left").isEqualTo(1);
    }

    @Test
    void moreRowsThanOneBatchAreAllReplayed() {
        List<Object[]> rows = new ArrayList<>();
        int count = InboxReplays.BATCH_SIZE * 2 + 7;
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {"push-" + i, DAY.plusSeconds(i), DAY.plusSeconds(i), DAY.plusSeconds(i)});
        }
        jdbc.batchUpdate("""
                INSERT INTO tccc_inbox (push_id, action, session_id, payload, received_at, status, attempts,
                                        next_attempt_at, finished_at)
                VALUES (?, 'cdr', 's-many', '{}', ?, 'DONE', 1, ?, ?)""", rows);

        assertThat(replays.replay(InboxReplays.Selection.session("s-many", null))).isEqualTo(count);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox WHERE status = 'PENDING'", Integer.class))
                .isEqualTo(count);
    }

    @Test
    void oneFinishedRowIsReplayedAndAPendingOneIsNot() {
        long done = row("done").insert(jdbc);
        long pending = row("pending").status("PENDING").insert(jdbc);

        assertThat(replays.replay(done)).isTrue();
        assertThat(replays.replay(done)).as("pending now").isFalse();
        assertThat(replays.replay(pending)).isFalse();
        assertThat(replays.replay(999_999L)).isFalse();
    }

    private Instant time(String column, long id) {
        return jdbc.queryForObject("SELECT " + column + " FROM tccc_inbox WHERE id = ?", OffsetDateTime.class, id)
                .toInstant();
    }

    private Map<String, Object> state(long id) {
        return jdbc.queryForMap("SELECT status, finished_at, replayed_at, next_attempt_at FROM tccc_inbox WHERE id = ?",
                id);
    }
}
