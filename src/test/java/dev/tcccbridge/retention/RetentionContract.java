package dev.tcccbridge.retention;

import static dev.tcccbridge.testing.InboxRows.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.http.JsonAnswers;
import dev.tcccbridge.inbox.InboxHorizon;
import dev.tcccbridge.mail.MailProperties;
import dev.tcccbridge.reconcile.ReconcileProperties;
import dev.tcccbridge.recording.RecordingProperties;
import dev.tcccbridge.schedule.SchedulerLock;
import dev.tcccbridge.testing.Settings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention on the database of the subclass: a run deletes exactly what is past its age, in
 * batches, and nothing reconciliation or the archive sweep still needs. The run is driven as
 * routes/retention.camel.yaml drives it, with a fixed clock. One database per class, emptied
 * before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RetentionContract {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path outbox;

    JdbcTemplate jdbc;
    SimpleMeterRegistry metrics;

    abstract DataSource newDatabase();

    @BeforeAll
    void migrate() {
        DataSource dataSource = newDatabase();
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @BeforeEach
    void empty() throws IOException {
        try (var files = Files.list(outbox)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        for (String table : List.of("tccc_inbox", "tccc_quarantine", "camel_messageprocessed", "crm_dry_run_request",
                "recording_archive", "recording_sweep", "retention_horizon", "scheduler_lock")) {
            jdbc.update("DELETE FROM " + table);
        }
        metrics = new SimpleMeterRegistry();
    }

    @Test
    void inboxRowsGoExactlyWhenPastTheirAgeAndThePendingOnesNever() {
        long oldDone = row("old-done").receivedAt(daysAgo(31)).insert(jdbc);
        long youngDone = row("young-done").receivedAt(daysAgo(29)).insert(jdbc);
        // arrived long ago, delivered only lately (a replay): its age counts from the delivery
        long lateDone = row("late-done").receivedAt(daysAgo(60)).finishedAt(daysAgo(10)).insert(jdbc);
        long oldPending = row("old-pending").status("PENDING").receivedAt(daysAgo(90)).insert(jdbc);
        long oldDead = row("old-dead").status("DEAD").action("voicemail").receivedAt(daysAgo(31)).insert(jdbc);
        long youngDead = row("young-dead").status("DEAD").receivedAt(daysAgo(29)).insert(jdbc);

        Map<String, Object> counts = run(Map.of());

        assertThat(ids()).containsExactlyInAnyOrder(youngDone, lateDone, oldPending, youngDead);
        assertThat(ids()).doesNotContain(oldDone, oldDead);
        assertThat(counts).containsEntry("outcome", "done");
        assertThat(deleted(counts)).containsEntry("delivered", 1).containsEntry("dead", 1);
        assertThat(metrics.get("bridge.retention.deleted").tag("target", "delivered").counter().count()).isEqualTo(1);
        assertThat(metrics.get("bridge.retention.rows").tag("table", "tccc_inbox").gauge().value()).isEqualTo(4);
    }

    @Test
    void rowsTheReconciliationLookbackStillCoversStayAndTheHorizonSaysHowFarRowsMayBeGone() {
        long pastLookback = row("past").receivedAt(daysAgo(41)).insert(jdbc);
        long withinLookback = row("within").receivedAt(daysAgo(39)).insert(jdbc);
        long deadWithin = row("dead-within").status("DEAD").receivedAt(daysAgo(39)).insert(jdbc);

        run(Map.of("bridge.reconcile.lookback", "40d"));

        assertThat(ids()).containsExactlyInAnyOrder(withinLookback, deadWithin).doesNotContain(pastLookback);
        InboxHorizon horizon = new InboxHorizon(jdbc);
        assertThat(horizon.get()).map(OffsetDateTime::toInstant).contains(NOW.minus(Duration.ofDays(40)));
        // a later run with shorter ages never moves it back
        horizon.advanceTo(daysAgo(50));
        assertThat(horizon.get()).map(OffsetDateTime::toInstant).contains(NOW.minus(Duration.ofDays(40)));
    }

    @Test
    void deliveredRecordingsTheArchiveSweepHasNotLookedAtStayWhileItIsOn() {
        long unswept = row("unswept").action("record").record("r-1").receivedAt(daysAgo(40)).insert(jdbc);
        long archived = row("archived").action("record").record("r-2").receivedAt(daysAgo(40)).insert(jdbc);
        long swept = row("swept").action("record").record("r-3").receivedAt(daysAgo(40)).insert(jdbc);
        jdbc.update("INSERT INTO recording_archive (record_id, session_id, content_version_id, bytes, archived_at)"
                + " VALUES ('r-2', 's-1', '068000000000001AAA', 10, ?)", daysAgo(40));
        jdbc.update("INSERT INTO recording_sweep (record_id, session_id, outcome, swept_at) VALUES ('r-3', 's-1',"
                + " 'EXPIRED', ?)", daysAgo(1));

        run(Map.of());
        assertThat(ids()).containsExactly(unswept).doesNotContain(archived, swept);

        run(Map.of("bridge.recording.sweep.enabled", "false"));
        assertThat(ids()).isEmpty();
    }

    @Test
    void quarantinedPushesPushIdsAndDryRunRequestsGoByTheirAges() {
        quarantine("q-old", daysAgo(31));
        quarantine("q-young", daysAgo(29));
        pushId("id-old", NOW.minus(Duration.ofDays(8)));
        pushId("id-young", NOW.minus(Duration.ofDays(6)));
        pushId("id-hour", NOW.minus(Duration.ofMinutes(30)));
        dryRun("/old", daysAgo(8));
        dryRun("/young", daysAgo(6));

        Map<String, Object> counts = run(Map.of());

        assertThat(jdbc.queryForList("SELECT push_id FROM tccc_quarantine", String.class)).containsExactly("q-young");
        assertThat(jdbc.queryForList("SELECT messageid FROM camel_messageprocessed ORDER BY messageid", String.class))
                .containsExactly("id-hour", "id-young");
        assertThat(jdbc.queryForList("SELECT path FROM crm_dry_run_request", String.class)).containsExactly("/young");
        assertThat(deleted(counts)).containsEntry("quarantined", 1).containsEntry("push_ids", 1)
                .containsEntry("dry_run_requests", 1);
    }

    @Test
    void outboxMailFilesGoByAgeAndOtherFilesStay() throws IOException {
        Path old = mail("old.eml", daysAgo(8));
        Path young = mail("young.eml", daysAgo(6));
        Path notMail = mail("notes.txt", daysAgo(30));

        run(Map.of());

        assertThat(old).doesNotExist();
        assertThat(young).exists();
        assertThat(notMail).exists();
        assertThat(metrics.get("bridge.retention.rows").tag("table", "outbox_files").gauge().value()).isEqualTo(1);
    }

    @Test
    void manyRowsGoInBatchesOfTheBatchSize() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1205; i++) {
            rows.add(new Object[] {"push-" + i, daysAgo(40), daysAgo(40), daysAgo(40)});
        }
        jdbc.batchUpdate("""
                INSERT INTO tccc_inbox (push_id, action, session_id, payload, received_at, status, attempts,
                                        next_attempt_at, finished_at)
                VALUES (?, 'cdr', 's-many', '{}', ?, 'DONE', 1, ?, ?)""", rows);
        RetentionRepository repository = new RetentionRepository(jdbc);
        RetentionCutoffs cutoffs = RetentionCutoffs.of(NOW, retention(Map.of()), Duration.ofHours(2));

        assertThat(repository.deleteBatch(RetentionTarget.DELIVERED, cutoffs, true, 500))
                .isEqualTo(new RetentionRepository.Batch(500, 500));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM tccc_inbox", Integer.class)).isEqualTo(705);

        assertThat(run(Map.of("bridge.retention.batch-size", "500")).get("deleted"))
                .isEqualTo(Map.of("delivered", 705, "dead", 0, "quarantined", 0, "push_ids", 0, "dry_run_requests", 0,
                        "outbox_files", 0));
        assertThat(ids()).isEmpty();
    }

    @Test
    void deadRowsAndQuarantinedPushesAreCountedBeforeTheyGo() {
        row("dead-1").status("DEAD").receivedAt(daysAgo(40)).insert(jdbc);
        row("dead-2").status("DEAD").action("record").receivedAt(daysAgo(40)).insert(jdbc);
        quarantine("q-1", daysAgo(40));
        RetentionRepository repository = new RetentionRepository(jdbc);
        RetentionCutoffs cutoffs = RetentionCutoffs.of(NOW, retention(Map.of()), Duration.ofHours(2));

        assertThat(repository.deadByAction(cutoffs)).isEqualTo(Map.of("cdr", 1L, "record", 1L));
        assertThat(repository.quarantinedByAction(cutoffs)).isEqualTo(Map.of("cdr", 1L));
    }

    /** One run as the route makes it: lock, start, report, each target until done, done, release. */
    Map<String, Object> run(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        RetentionProperties properties = retention(all);
        Retention retention = new Retention(properties, new RetentionRepository(jdbc), new OutboxFiles(
                Settings.bind("bridge.mail", MailProperties.class, Map.of("bridge.mail.outbox-dir", outbox.toString()))),
                new InboxHorizon(jdbc), new SchedulerLock(jdbc, CLOCK, "test"),
                Settings.bind("bridge.reconcile", ReconcileProperties.class, all),
                Settings.bind("bridge.recording", RecordingProperties.class, all), CLOCK, metrics,
                new JsonAnswers(new ObjectMapper()));
        assertThat(retention.lock()).isTrue();
        try {
            Retention.Run run = retention.start();
            retention.reportFailed(run);
            for (RetentionTarget target : RetentionTarget.values()) {
                while (retention.more(target, run)) {
                    retention.purge(target, run);
                }
            }
            return retention.done(run);
        } finally {
            retention.release();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Integer> deleted(Map<String, Object> counts) {
        return (Map<String, Integer>) counts.get("deleted");
    }

    static RetentionProperties retention(Map<String, String> settings) {
        return Settings.bind("bridge.retention", RetentionProperties.class, settings);
    }

    List<Long> ids() {
        return jdbc.queryForList("SELECT id FROM tccc_inbox", Long.class);
    }

    static OffsetDateTime daysAgo(int days) {
        return NOW.minus(Duration.ofDays(days)).atOffset(ZoneOffset.UTC);
    }

    void quarantine(String pushId, OffsetDateTime receivedAt) {
        jdbc.update("INSERT INTO tccc_quarantine (push_id, action, http_status, reason, headers, body, received_at)"
                + " VALUES (?, 'cdr', 400, 'malformed JSON', '{}', ?, ?)", pushId, new byte[] {'{'}, receivedAt);
    }

    void pushId(String id, Instant createdAt) {
        jdbc.update("INSERT INTO camel_messageprocessed (processorname, messageid, createdat) VALUES ('tccc-push', ?, ?)",
                id, Timestamp.from(createdAt));
    }

    void dryRun(String path, OffsetDateTime recordedAt) {
        jdbc.update("INSERT INTO crm_dry_run_request (method, path, body, recorded_at) VALUES ('PATCH', ?, '{}', ?)",
                path, recordedAt);
    }

    Path mail(String name, OffsetDateTime modified) throws IOException {
        Path file = Files.writeString(outbox.resolve(name), "Subject: test\r\n\r\nbody");
        Files.setLastModifiedTime(file, FileTime.from(modified.toInstant()));
        return file;
    }
}
