package dev.tcccbridge.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last reconciliation run that did something (done or failed), whichever instance ran it: for the
 * operations console. One row of {@code reconcile_last_run}, written at the end of each run.
 */
public class LastReconcileRun {

    /**
     * @param run         its counts and outcome
     * @param finishedAt  when it ended
     * @param runBy       the instance that ran it
     * @param windowStart the start of the calls it asked for (null: nothing was asked)
     * @param windowEnd   the end of them
     */
    public record Entry(ReconcileRun run, OffsetDateTime finishedAt, String runBy, OffsetDateTime windowStart,
                        OffsetDateTime windowEnd) {
    }

    private static final int MAX_ERROR_LENGTH = 4000;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String instance;

    public LastReconcileRun(JdbcTemplate jdbc, Clock clock, String instance) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.instance = instance;
    }

    /** Keeps a run that was done or failed; a skipped one ran nothing. */
    public void record(ReconcileRun run, CdrWindow window) {
        if (ReconcileRun.SKIPPED.equals(run.outcome())) {
            return;
        }
        String error = run.error() != null && run.error().length() > MAX_ERROR_LENGTH
                ? run.error().substring(0, MAX_ERROR_LENGTH) : run.error();
        // the migration made the one row; a database emptied by hand gets it back
        jdbc.update("INSERT INTO reconcile_last_run (name) VALUES (?) ON CONFLICT DO NOTHING", ReconcileRuns.LOCK_NAME);
        jdbc.update("""
                UPDATE reconcile_last_run SET outcome = ?, finished_at = ?, run_by = ?, window_start = ?, window_end = ?,
                       pages = ?, seen = ?, fed = ?, recordings = ?, voicemails = ?, unreadable = ?, recent = ?, error = ?
                WHERE name = ?""", run.outcome(), now(), instance,
                window == null ? null : utc(window.startTimeStamp()), window == null ? null : utc(window.endTimeStamp()),
                run.pages(), run.seen(), run.fed(), run.recordings(), run.voicemails(), run.unreadable(), run.recent(),
                error, ReconcileRuns.LOCK_NAME);
    }

    /** The last run, or empty when none has run yet. */
    public Optional<Entry> last() {
        return jdbc.query("SELECT * FROM reconcile_last_run WHERE name = ? AND outcome IS NOT NULL",
                (rs, row) -> new Entry(new ReconcileRun(rs.getString("outcome"), rs.getInt("pages"), rs.getInt("seen"),
                        rs.getInt("fed"), rs.getInt("recordings"), rs.getInt("voicemails"), rs.getInt("unreadable"),
                        rs.getInt("recent"), rs.getString("error")),
                        rs.getObject("finished_at", OffsetDateTime.class), rs.getString("run_by"),
                        rs.getObject("window_start", OffsetDateTime.class),
                        rs.getObject("window_end", OffsetDateTime.class)),
                ReconcileRuns.LOCK_NAME).stream().findFirst();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime utc(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.UTC);
    }
}
