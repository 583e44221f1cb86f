package dev.tcccbridge.retention;

import dev.tcccbridge.inbox.InboxHorizon;
import dev.tcccbridge.reconcile.ReconcileProperties;
import dev.tcccbridge.recording.RecordingProperties;
import dev.tcccbridge.schedule.SchedulerLock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import dev.tcccbridge.http.JsonAnswers;
import java.util.LinkedHashMap;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of {@code routes/retention.camel.yaml}: one run deletes, target by target, what is
 * past its age ({@link RetentionProperties}), a batch at a time. Before anything of the inbox goes,
 * its horizon moves ({@link InboxHorizon}), so reconciliation never asks for calls whose rows may
 * be gone; delivered recordings the archive sweep has still to look at stay.
 *
 * <p>Metrics: {@code bridge.retention.deleted} by target, {@code bridge.retention.rows} by table
 * (measured at the end of each run; {@code outbox_files} counts the mail files),
 * {@code bridge.retention.runs} by outcome.
 */
@Component
public class Retention {

    public static final String LOCK_NAME = "retention";
    /** The run as it goes. */
    public static final String RUN = "TcccRetention";
    /** The target of {@code direct:retention-purge}. */
    public static final String TARGET = "TcccRetentionTarget";

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final RetentionProperties properties;
    private final RetentionRepository repository;
    private final OutboxFiles outbox;
    private final InboxHorizon horizon;
    private final SchedulerLock lock;
    private final ReconcileProperties reconcile;
    private final RecordingProperties recording;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final JsonAnswers answers;
    private final Map<String, AtomicLong> sizes = new ConcurrentHashMap<>();

    /** One run: its cutoffs, what each target has deleted, and which targets are done. */
    public static final class Run {
        final RetentionCutoffs cutoffs;
        final Map<RetentionTarget, Integer> deleted = new EnumMap<>(RetentionTarget.class);
        final Set<RetentionTarget> finished = EnumSet.noneOf(RetentionTarget.class);

        Run(RetentionCutoffs cutoffs) {
            this.cutoffs = cutoffs;
        }

        public int deleted(RetentionTarget target) {
            return deleted.getOrDefault(target, 0);
        }
    }

    public Retention(RetentionProperties properties, RetentionRepository repository, OutboxFiles outbox,
                     InboxHorizon horizon, SchedulerLock lock, ReconcileProperties reconcile,
                     RecordingProperties recording, Clock clock, MeterRegistry metrics, JsonAnswers answers) {
        this.properties = properties;
        this.repository = repository;
        this.outbox = outbox;
        this.horizon = horizon;
        this.lock = lock;
        this.reconcile = reconcile;
        this.recording = recording;
        this.clock = clock;
        this.metrics = metrics;
        this.answers = answers;
        for (String table : RetentionRepository.TABLES) {
            size(table);
        }
        size("outbox_files");
    }

    /** Takes the lock {@value #LOCK_NAME} unless another instance holds it. @return whether taken */
    public boolean lock() {
        return lock.tryLock(LOCK_NAME, properties.lockLease());
    }

    public void release() {
        lock.release(LOCK_NAME);
    }

    /** The run's cutoffs; the inbox's horizon moves to where its rows may be deleted, before any is. */
    public Run start() {
        RetentionCutoffs cutoffs = RetentionCutoffs.of(clock.instant(), properties, reconcile.lookback());
        horizon.advanceTo(cutoffs.inboxHorizon().atOffset(ZoneOffset.UTC));
        return new Run(cutoffs);
    }

    /** Dead rows and quarantined pushes are counted and logged before they are deleted. */
    public void reportFailed(@ExchangeProperty(RUN) Run run) {
        Map<String, Long> dead = repository.deadByAction(run.cutoffs);
        if (!dead.isEmpty()) {
            LOG.warn("retention: deleting {} dead inbox rows that died more than {} ago, by action {}",
                    total(dead), properties.failed(), dead);
        }
        Map<String, Long> quarantined = repository.quarantinedByAction(run.cutoffs);
        if (!quarantined.isEmpty()) {
            LOG.warn("retention: deleting {} quarantined pushes that came more than {} ago, by action {}",
                    total(quarantined), properties.failed(), quarantined);
        }
    }

    /** Whether the target of {@code direct:retention-purge} has more to delete. */
    public boolean more(@Header(TARGET) RetentionTarget target, @ExchangeProperty(RUN) Run run) {
        return !run.finished.contains(target);
    }

    /** Deletes one batch of the target; the target is done when a batch is short or deletes nothing. */
    public void purge(@Header(TARGET) RetentionTarget target, @ExchangeProperty(RUN) Run run) {
        int limit = properties.batchSize();
        RetentionRepository.Batch batch = target == RetentionTarget.OUTBOX_FILES
                ? outbox.deleteBatch(run.cutoffs.outboxFilesBefore(), limit)
                : repository.deleteBatch(target, run.cutoffs, recording.sweep().enabled(), limit);
        run.deleted.merge(target, batch.deleted(), Integer::sum);
        metrics.counter("bridge.retention.deleted", "target", target.tag()).increment(batch.deleted());
        if (batch.picked() < limit || batch.deleted() == 0) {
            run.finished.add(target);
        }
    }

    /** The tables' sizes for the metrics, and the run's counts in the log. @return the counts by target */
    public Map<String, Object> done(@ExchangeProperty(RUN) Run run) {
        repository.sizes().forEach((table, rows) -> size(table).set(rows));
        size("outbox_files").set(outbox.count());
        metrics.counter("bridge.retention.runs", "outcome", "done").increment();
        Map<RetentionTarget, Integer> deleted = new EnumMap<>(run.deleted);
        deleted.values().removeIf(n -> n == 0);
        if (!deleted.isEmpty()) {
            LOG.info("retention: deleted {}", describe(deleted));
        }
        return counts("done", run, null);
    }

    /** @return the counts so far by target, and the error */
    public Map<String, Object> failed(@ExchangeProperty(RUN) Run run,
                                      @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        metrics.counter("bridge.retention.runs", "outcome", "failed").increment();
        LOG.error("retention stopped{}; the next run goes on", run == null ? "" : " after deleting "
                + describe(run.deleted), cause);
        return counts("failed", run, String.valueOf(cause.getMessage()));
    }

    /** {@code POST /admin/retention}: 200 with the counts, 409 when another instance runs one, 500 when it failed. */
    public String answer(@Body Map<String, Object> counts, Message message) {
        if (counts == null) {
            return answers.write(message, 409, Map.of("outcome", "skipped",
                    "error", "another instance is running retention"));
        }
        return answers.write(message, "done".equals(counts.get("outcome")) ? 200 : 500, counts);
    }

    private static Map<String, Object> counts(String outcome, Run run, String error) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("outcome", outcome);
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (RetentionTarget target : RetentionTarget.values()) {
            deleted.put(target.tag(), run == null ? 0 : run.deleted(target));
        }
        counts.put("deleted", deleted);
        if (error != null) {
            counts.put("error", error);
        }
        return counts;
    }

    private AtomicLong size(String table) {
        return sizes.computeIfAbsent(table, name -> {
            AtomicLong rows = new AtomicLong();
            Gauge.builder("bridge.retention.rows", rows, AtomicLong::get).tag("table", name)
                    .description("rows of the table (files of the outbox) at the end of the last retention run")
                    .register(metrics);
            return rows;
        });
    }

    private static String describe(Map<RetentionTarget, Integer> deleted) {
        StringBuilder text = new StringBuilder();
        deleted.forEach((target, n) -> text.append(text.isEmpty() ? "" : ", ").append(n).append(' ')
                .append(target.description()));
        return text.isEmpty() ? "nothing" : text.toString();
    }

    private static long total(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
