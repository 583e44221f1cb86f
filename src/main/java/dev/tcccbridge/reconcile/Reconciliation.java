package dev.tcccbridge.reconcile;

import dev.tcccbridge.tcccapi.TcccApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushEnvelope;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.PushRejected;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation run: under the database lock, every CDR the TCCC API lists for the last
 * {@code bridge.reconcile.lookback} whose session has no CDR in the inbox is fed into the inbox
 * as a {@code cdr} push with push id {@code reconcile:<SessionId>}, so delivery handles it like
 * any push and a second run never stores it again.
 *
 * <p>Metrics: {@code bridge.reconcile.runs} by outcome, {@code bridge.reconcile.cdrs} by result
 * (seen, fed, unreadable, recent). Each run also ends with one log line of its counts.
 */
public class Reconciliation {

    public static final String LOCK_NAME = "reconcile";
    public static final String PUSH_ID_PREFIX = "reconcile:";

    /** The inbox's session_id column. */
    static final int MAX_SESSION_ID_LENGTH = 128;

    private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

    private final TelCdrPaging paging;
    private final KnownSessions knownSessions;
    private final PushFeed feed;
    private final PushReader reader;
    private final SchedulerLock lock;
    private final ReconcileProperties properties;
    private final long sdkAppId;
    private final Clock clock;
    private final MeterRegistry metrics;

    public Reconciliation(TelCdrPaging paging, KnownSessions knownSessions, PushFeed feed, PushReader reader,
                          SchedulerLock lock, ReconcileProperties properties, long sdkAppId, Clock clock,
                          MeterRegistry metrics) {
        this.paging = paging;
        this.knownSessions = knownSessions;
        this.feed = feed;
        this.reader = reader;
        this.lock = lock;
        this.properties = properties;
        this.sdkAppId = sdkAppId;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Runs once, unless another instance is running: then it skips. */
    public ReconcileRun run() {
        if (!lock.tryLock(LOCK_NAME, properties.lockLease())) {
            LOG.info("reconciliation skipped: another instance is running one");
            return count(ReconcileRun.skipped());
        }
        try {
            return count(reconcile());
        } finally {
            lock.release(LOCK_NAME);
        }
    }

    private ReconcileRun reconcile() {
        CdrWindow window = CdrWindow.lookingBack(clock.instant(), properties.lookback());
        long settledBefore = clock.instant().minus(properties.grace()).getEpochSecond();
        Tally tally = new Tally();
        int pages = 0;
        try {
            pages = paging.forEachPage(window, page -> feed(page, settledBefore, tally));
        } catch (TcccApiException e) {
            LOG.warn("reconciliation stopped after {} new sessions: {} (RequestId {}); the next run tries again",
                    tally.fed, e.getMessage(), e.requestId());
            return tally.run(ReconcileRun.FAILED, pages, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return tally.run(ReconcileRun.FAILED, pages, "interrupted");
        } catch (RuntimeException e) {
            LOG.error("reconciliation stopped after {} new sessions; the next run tries again", tally.fed, e);
            return tally.run(ReconcileRun.FAILED, pages, String.valueOf(e.getMessage()));
        }
        ReconcileRun run = tally.run(ReconcileRun.DONE, pages, null);
        LOG.info("reconciliation of {}..{}: {} CDRs seen, {} new sessions fed into the inbox, {} unreadable,"
                        + " {} ended too recently", window.startTimeStamp(), window.endTimeStamp(), run.seen(),
                run.fed(), run.unreadable(), run.recent());
        return run;
    }

    private void feed(TelCdrPage page, long settledBefore, Tally tally) {
        Map<String, PushEnvelope> candidates = new LinkedHashMap<>();
        for (JsonNode item : page.items()) {
            tally.seen++;
            PushEnvelope push = readable(item, page.requestId());
            if (push == null) {
                tally.unreadable++;
            } else if (endedAfter(push, settledBefore)) {
                tally.recent++;
            } else {
                candidates.putIfAbsent(push.sessionId(), push);
            }
        }
        Set<String> known = knownSessions.of(candidates.keySet());
        for (PushEnvelope push : candidates.values()) {
            if (!known.contains(push.sessionId())) {
                feed.store(push);
                tally.fed++;
                LOG.info("reconciliation: session {} was never pushed; fed into the inbox", push.sessionId());
            }
        }
    }

    /** The item as a cdr push, or null (logged) when it is no CDR with a usable SessionId. */
    private PushEnvelope readable(JsonNode item, String requestId) {
        if (!(item instanceof ObjectNode cdrJson)) {
            LOG.warn("reconciliation: a TelCdrList item is not a JSON object (RequestId {}); left out", requestId);
            return null;
        }
        if (!cdrJson.hasNonNull("SdkAppId")) {
            cdrJson.put("SdkAppId", sdkAppId);
        }
        String json = cdrJson.toString();
        try {
            Cdr cdr = (Cdr) reader.read(PushAction.CDR, json);
            String sessionId = cdr.sessionId();
            if (sessionId == null || sessionId.isBlank() || sessionId.length() > MAX_SESSION_ID_LENGTH) {
                LOG.warn("reconciliation: a CDR without a usable SessionId (RequestId {}); left out", requestId);
                return null;
            }
            return new PushEnvelope(PUSH_ID_PREFIX + sessionId, cdr, json);
        } catch (PushRejected e) {
            LOG.warn("reconciliation: an unreadable CDR (RequestId {}): {}; left out", requestId, e.getMessage());
            return null;
        }
    }

    private static boolean endedAfter(PushEnvelope push, long settledBefore) {
        Long ended = ((Cdr) push.payload()).endedTimestamp();
        return ended != null && ended > settledBefore;
    }

    private ReconcileRun count(ReconcileRun run) {
        metrics.counter("bridge.reconcile.runs", "outcome", run.outcome()).increment();
        metrics.counter("bridge.reconcile.cdrs", "result", "seen").increment(run.seen());
        metrics.counter("bridge.reconcile.cdrs", "result", "fed").increment(run.fed());
        metrics.counter("bridge.reconcile.cdrs", "result", "unreadable").increment(run.unreadable());
        metrics.counter("bridge.reconcile.cdrs", "result", "recent").increment(run.recent());
        return run;
    }

    private static final class Tally {
        int seen;
        int fed;
        int unreadable;
        int recent;

        ReconcileRun run(String outcome, int pages, String error) {
            return new ReconcileRun(outcome, pages, seen, fed, unreadable, recent, error);
        }
    }
}
