package dev.tcccbridge.reconcile;

import dev.tcccbridge.inbox.InboxHorizon;
import dev.tcccbridge.schedule.SchedulerLock;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushEnvelope;
import dev.tcccbridge.tcccapi.TcccApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start and end of a reconciliation run in {@code routes/reconcile.camel.yaml}: the lock
 * (one instance at a time), the window, what was fed, the run's counts in the log and the
 * metrics {@code bridge.reconcile.runs} (by outcome), {@code bridge.reconcile.cdrs} (by result:
 * seen, unreadable, recent) and {@code bridge.reconcile.fed} (by action: cdr, record, voicemail).
 */
public class ReconcileRuns {

    public static final String LOCK_NAME = "reconcile";

    private static final Logger LOG = LoggerFactory.getLogger(ReconcileRuns.class);

    private final SchedulerLock lock;
    private final InboxHorizon horizon;
    private final ReconcileProperties properties;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final LastReconcileRun last;

    public ReconcileRuns(SchedulerLock lock, InboxHorizon horizon, ReconcileProperties properties, Clock clock,
                         MeterRegistry metrics, LastReconcileRun last) {
        this.lock = lock;
        this.horizon = horizon;
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.last = last;
        // every outcome exported from the start, so that an alert sees the first failure as an increase
        for (String outcome : new String[] {ReconcileRun.DONE, ReconcileRun.SKIPPED, ReconcileRun.FAILED}) {
            metrics.counter("bridge.reconcile.runs", "outcome", outcome);
        }
    }

    /** Takes the lock {@value #LOCK_NAME} unless another instance holds it. @return whether taken */
    public boolean lock() {
        if (lock.tryLock(LOCK_NAME, properties.lockLease())) {
            return true;
        }
        LOG.info("reconciliation skipped: another instance is running one");
        return false;
    }

    /** The run's window: the lookback up to now, but never back past what retention has deleted. */
    public ReconcileProgress start() {
        Instant now = clock.instant();
        Optional<Instant> kept = horizon.get().map(OffsetDateTime::toInstant);
        Optional<CdrWindow> window = CdrWindow.lookingBack(now, properties.lookback(), kept);
        if (window.isEmpty()) {
            LOG.warn("reconciliation: the last {} lie before {}, since when retention has deleted inbox rows;"
                    + " nothing to ask (bridge.retention.delivered and .failed keep rows longer)", properties.lookback(),
                    kept.orElseThrow());
        }
        return new ReconcileProgress(window.orElse(null), now.minus(properties.grace()).getEpochSecond());
    }

    /** After {@code direct:store-push}: counted when it stored something new. */
    public void fed(@Body PushEnvelope push, @ExchangeProperty(Exchange.DUPLICATE_MESSAGE) Boolean duplicate,
                    @ExchangeProperty(ReconcileProgress.PROPERTY) ReconcileProgress run) {
        if (Boolean.TRUE.equals(duplicate)) {
            return;
        }
        run.fed(push.action());
        LOG.info("reconciliation: {} of session {} was never pushed; fed into the inbox as {}",
                describe(push.action()), push.sessionId(), push.pushId());
    }

    public ReconcileRun done(@ExchangeProperty(ReconcileProgress.PROPERTY) ReconcileProgress run) {
        ReconcileRun done = count(run.run(ReconcileRun.DONE, null));
        CdrWindow window = run.window();
        last.record(done, window);
        LOG.info("reconciliation of {}: {} CDRs seen; fed into the inbox: {} calls, {} recordings, {} voicemails;"
                        + " {} unreadable, {} ended too recently",
                window == null ? "nothing" : window.startTimeStamp() + ".." + window.endTimeStamp(), done.seen(),
                done.fed(), done.recordings(), done.voicemails(), done.unreadable(), done.recent());
        return done;
    }

    /** The API or the database failed: the run ends, what was fed stays, the next run tries again. */
    public ReconcileRun failed(@ExchangeProperty(ReconcileProgress.PROPERTY) ReconcileProgress run,
                               @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        ReconcileProgress progress = run == null ? new ReconcileProgress(null, 0) : run;
        ReconcileRun failed = count(progress.run(ReconcileRun.FAILED, String.valueOf(cause.getMessage())));
        last.record(failed, progress.window());
        int fed = failed.fed() + failed.recordings() + failed.voicemails();
        if (cause instanceof TcccApiException api) {
            LOG.warn("reconciliation stopped after {} pushes fed: {} (RequestId {}); the next run tries again", fed,
                    api.getMessage(), api.requestId());
        } else {
            LOG.error("reconciliation stopped after {} pushes fed; the next run tries again", fed, cause);
        }
        return failed;
    }

    public ReconcileRun skipped() {
        return count(ReconcileRun.skipped());
    }

    public void release() {
        lock.release(LOCK_NAME);
    }

    private static String describe(PushAction action) {
        return switch (action) {
            case CDR -> "the call";
            case RECORD -> "a recording";
            case VOICEMAIL -> "a voicemail";
        };
    }

    private ReconcileRun count(ReconcileRun run) {
        metrics.counter("bridge.reconcile.runs", "outcome", run.outcome()).increment();
        metrics.counter("bridge.reconcile.cdrs", "result", "seen").increment(run.seen());
        metrics.counter("bridge.reconcile.cdrs", "result", "unreadable").increment(run.unreadable());
        metrics.counter("bridge.reconcile.cdrs", "result", "recent").increment(run.recent());
        metrics.counter("bridge.reconcile.fed", "action", PushAction.CDR.value()).increment(run.fed());
        metrics.counter("bridge.reconcile.fed", "action", PushAction.RECORD.value()).increment(run.recordings());
        metrics.counter("bridge.reconcile.fed", "action", PushAction.VOICEMAIL.value()).increment(run.voicemails());
        return run;
    }
}
