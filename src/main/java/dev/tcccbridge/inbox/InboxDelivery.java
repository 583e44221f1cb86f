package dev.tcccbridge.inbox;

import dev.tcccbridge.crm.CdrBatch;
import dev.tcccbridge.crm.CrmUpsert;
import dev.tcccbridge.crm.RecordUpserts;
import dev.tcccbridge.crm.SalesforceApiAllowance;
import dev.tcccbridge.crm.SalesforceApiCalls;
import dev.tcccbridge.crm.UpsertOutcome;
import dev.tcccbridge.tccc.Cdr;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.TcccPush;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.Variable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the delivery routes: claim due rows, hand the CDRs to the CRM in batches and the
 * other rows one by one to their action's pipeline, and record each row's outcome (done; retry
 * later with backoff; dead). A row's lease is checked and renewed when its delivery starts.
 * Outcomes are counted: {@code bridge_delivery_rows_total{action,outcome}}.
 */
@Component
public class InboxDelivery {

    /** Headers every pipeline {@code direct:deliver-<action>} receives. */
    public static final String INBOX_ID = "TcccInboxId";
    public static final String PUSH_ID = "TcccPushId";
    public static final String SESSION_ID = "TcccSessionId";
    public static final String ATTEMPT = "TcccAttempt";
    public static final String ACTION = "TcccAction";
    /** The claim travels as an exchange property: pipelines may drop every header. */
    public static final String CLAIM = "TcccClaim";
    /** The rows of a CDR batch whose delivery started, with their CDRs. */
    static final String CDR_ROWS = "TcccCdrRows";

    private static final Logger LOG = LoggerFactory.getLogger(InboxDelivery.class);

    private final DeliveryRepository repository;
    private final DeliveryProperties properties;
    private final FailureClassifier classifier;
    private final Backoff backoff;
    private final PushReader reader;
    private final Clock clock;
    private final String worker;
    private final SalesforceApiCalls apiCalls;
    private final SalesforceApiAllowance allowance;
    private final MeterRegistry metrics;

    /** A CDR row whose delivery started, and its CDR. */
    record CdrRow(ClaimedPush claim, Cdr cdr) {
    }

    enum Outcome {
        DONE, RETRY, DEAD, DEFERRED
    }

    public InboxDelivery(DeliveryRepository repository, DeliveryProperties properties, FailureClassifier classifier,
                         Backoff backoff, PushReader reader, Clock clock, DeliveryWorker worker,
                         SalesforceApiCalls apiCalls, SalesforceApiAllowance allowance, MeterRegistry metrics) {
        this.repository = repository;
        this.properties = properties;
        this.classifier = classifier;
        this.backoff = backoff;
        this.reader = reader;
        this.clock = clock;
        this.worker = worker.id();
        this.apiCalls = apiCalls;
        this.allowance = allowance;
        this.metrics = metrics;
    }

    /** Due rows for this instance, at most one batch; a claim that found rows counts for the API's pace. */
    public List<ClaimedPush> claim() {
        List<ClaimedPush> claimed = repository.claim(worker, properties.batchSize(), properties.lease(),
                properties.maxAttempts());
        if (!claimed.isEmpty()) {
            allowance.claimed();
        }
        return claimed;
    }

    /** The claim's CDR rows, in batches of up to 200 (one sObject Collections request each). */
    public List<List<ClaimedPush>> cdrBatches(@Body List<ClaimedPush> claimed) {
        List<ClaimedPush> cdrs = claimed.stream().filter(row -> row.action() == PushAction.CDR).toList();
        List<List<ClaimedPush>> batches = new ArrayList<>();
        for (int from = 0; from < cdrs.size(); from += RecordUpserts.MAX_RECORDS) {
            batches.add(cdrs.subList(from, Math.min(cdrs.size(), from + RecordUpserts.MAX_RECORDS)));
        }
        return batches;
    }

    /** The claim's other rows (recordings, voicemails), delivered one at a time. */
    public List<ClaimedPush> otherRows(@Body List<ClaimedPush> claimed) {
        return claimed.stream().filter(row -> row.action() != PushAction.CDR).toList();
    }

    /** One row's delivery starts: whether this worker still holds it (its lease is renewed). */
    public boolean start(@Body ClaimedPush claim) {
        boolean held = !repository.startWork(worker, List.of(claim), properties.lease()).isEmpty();
        if (!held) {
            takenOver(claim);
        }
        return held;
    }

    /** Body: the claimed row → the parsed payload; headers for the pipeline. */
    public TcccPush prepare(Exchange exchange) {
        ClaimedPush claim = exchange.getMessage().getBody(ClaimedPush.class);
        exchange.setProperty(CLAIM, claim);
        Message message = exchange.getMessage();
        message.setHeader(INBOX_ID, claim.id());
        message.setHeader(PUSH_ID, claim.pushId());
        message.setHeader(SESSION_ID, claim.sessionId());
        message.setHeader(ATTEMPT, claim.attempt());
        message.setHeader(ACTION, claim.action().value());
        return reader.read(claim.action(), claim.payload());
    }

    public void delivered(@ExchangeProperty(CLAIM) ClaimedPush claim) {
        if (untilRecorded(() -> repository.markDone(claim.id(), claim.attempt()))) {
            deliveredLog(claim);
            // rows of the session waiting for this one (recordings wait for their CDR) need not wait on
            repository.wakeDeferred(claim.sessionId());
        } else {
            LOG.warn("inbox {} delivered, but its claim had run out and was taken over", claim.id());
        }
    }

    /**
     * The pipeline failed: retry later, or dead when it cannot succeed or its window has passed.
     * A pipeline that said "not yet" ({@link DeliveryDeferred}) has not failed: the row waits.
     */
    public void failed(@ExchangeProperty(CLAIM) ClaimedPush claim,
                       @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause) {
        fail(claim, cause);
    }

    /**
     * A CDR batch's delivery starts: the rows this worker still holds (leases renewed), their
     * payloads read (one that cannot be read is dead at once). Body: the {@link CdrBatch}, one
     * call per session; null when no row is left.
     */
    public CdrBatch startCdrBatch(@Body List<ClaimedPush> claimed, Exchange exchange) {
        List<ClaimedPush> held = repository.startWork(worker, claimed, properties.lease());
        claimed.stream().filter(row -> !held.contains(row)).forEach(this::takenOver);
        List<CdrRow> rows = new ArrayList<>();
        for (ClaimedPush claim : held) {
            try {
                rows.add(new CdrRow(claim, (Cdr) reader.read(claim.action(), claim.payload())));
            } catch (RuntimeException unreadable) {
                fail(claim, unreadable);
            }
        }
        exchange.setProperty(CDR_ROWS, rows);
        exchange.setProperty(SalesforceApiCalls.BATCH_CALLS, new AtomicInteger());
        return rows.isEmpty() ? null : new CdrBatch(rows.stream().map(CdrRow::cdr).toList());
    }

    /** The CRM's answer for a CDR batch: each row by its session's record, done, retried or dead. */
    public void cdrBatchDelivered(@Body Map<String, UpsertOutcome> outcomes,
                                  @ExchangeProperty(CDR_ROWS) List<CdrRow> rows,
                                  @ExchangeProperty(SalesforceApiCalls.BATCH_CALLS) AtomicInteger calls) {
        finishCdrBatch(rows, outcomes, null, calls);
    }

    /**
     * A CDR batch failed as a whole (Salesforce unreachable, refused the request, a lookup failed):
     * rows whose record was written before the failure are done, the others failed with its cause.
     */
    public void cdrBatchFailed(@ExchangeProperty(CDR_ROWS) List<CdrRow> rows,
                               @Variable(CrmUpsert.UPSERTS) RecordUpserts upserts,
                               @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause,
                               @ExchangeProperty(SalesforceApiCalls.BATCH_CALLS) AtomicInteger calls) {
        if (rows == null) {
            // the batch did not get as far as its rows: each was dealt with where it failed
            return;
        }
        finishCdrBatch(rows, upserts == null ? Map.of() : upserts.outcomes(), cause, calls);
    }

    private void finishCdrBatch(List<CdrRow> rows, Map<String, UpsertOutcome> outcomes, Throwable cause,
                                AtomicInteger calls) {
        List<ClaimedPush> written = new ArrayList<>();
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (CdrRow row : rows) {
            UpsertOutcome outcome = outcomes.get(row.claim().sessionId());
            if (outcome != null && outcome.isWritten()) {
                written.add(row.claim());
            } else {
                Throwable failure = outcome != null ? outcome.refusal() : cause != null ? cause
                        : new IllegalStateException("the CRM gave no outcome for session " + row.claim().sessionId());
                counts.merge(fail(row.claim(), failure), 1, Integer::sum);
            }
        }
        List<ClaimedPush> done = untilRecorded(() -> repository.markDone(written));
        done.forEach(this::deliveredLog);
        written.stream().filter(row -> !done.contains(row)).forEach(row ->
                LOG.warn("inbox {} delivered, but its claim had run out and was taken over", row.id()));
        repository.wakeDeferred(done.stream().map(ClaimedPush::sessionId).distinct().toList());
        int callsMade = calls == null ? 0 : calls.get();
        apiCalls.cdrBatch(rows.size(), callsMade);
        LOG.info("CDR batch of {} rows: {} delivered, {} to retry, {} dead, {} waiting; {} Salesforce calls",
                rows.size(), done.size(), counts.getOrDefault(Outcome.RETRY, 0), counts.getOrDefault(Outcome.DEAD, 0),
                counts.getOrDefault(Outcome.DEFERRED, 0), callsMade);
    }

    /**
     * Records that rows were delivered, again and again while the database is briefly away (its
     * connection cut, say): given up, the rows would be delivered a second time once their lease
     * ran out, and a mail sent twice. Tried for at most a lease, after which another worker may
     * hold the rows anyway.
     */
    private <T> T untilRecorded(Supplier<T> write) {
        long deadline = System.nanoTime() + properties.lease().toNanos();
        long pause = 100;
        while (true) {
            try {
                return write.get();
            } catch (RuntimeException e) {
                if (!FailureClassifier.databaseMayRecover(e) || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                LOG.warn("delivered, but the database did not take it ({}): trying again in {} ms", e.toString(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(2_000, pause * 2);
            }
        }
    }

    /** A failed attempt, classified once (FailureClassifier). @return what became of the row */
    private Outcome fail(ClaimedPush claim, Throwable cause) {
        Failure failure = classifier.classify(cause);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (failure.deferred()) {
            OffsetDateTime next = now.plus(failure.deferral());
            repository.defer(claim.id(), claim.attempt(), next, failure.reason());
            count(claim, Outcome.DEFERRED);
            LOG.debug("inbox {} ({} of session {}) waits until {}: {}", claim.id(), claim.action().value(),
                    claim.sessionId(), next, failure.reason());
            return Outcome.DEFERRED;
        }
        OffsetDateTime deadline = claim.windowStart().plus(properties.retryWindow());
        if (!failure.retryable()) {
            dead(claim, failure.reason(), cause);
            return Outcome.DEAD;
        }
        if (!now.isBefore(deadline)) {
            dead(claim, "retry window of " + properties.retryWindow() + " passed; last error: " + failure.reason(),
                    cause);
            return Outcome.DEAD;
        }
        Duration delay = backoff.after(claim.failedAttempts() + 1);
        OffsetDateTime next = now.plus(delay).isAfter(deadline) ? deadline : now.plus(delay);
        repository.scheduleRetry(claim.id(), claim.attempt(), next, failure.reason());
        count(claim, Outcome.RETRY);
        LOG.warn("inbox {} ({} of session {}) attempt {} failed, retry at {}: {}", claim.id(),
                claim.action().value(), claim.sessionId(), claim.attempt(), next, failure.reason());
        return Outcome.RETRY;
    }

    private void deliveredLog(ClaimedPush claim) {
        count(claim, Outcome.DONE);
        LOG.info("inbox {} ({} of session {}) delivered at attempt {}", claim.id(), claim.action().value(),
                claim.sessionId(), claim.attempt());
    }

    private void takenOver(ClaimedPush claim) {
        LOG.warn("inbox {} ({} of session {}) left alone: its claim ran out before its delivery started and"
                + " another worker holds it now", claim.id(), claim.action().value(), claim.sessionId());
    }

    private void dead(ClaimedPush claim, String reason, Throwable cause) {
        repository.markDead(claim.id(), claim.attempt(), reason);
        count(claim, Outcome.DEAD);
        LOG.error("inbox {} ({} of session {}) is dead after attempt {}: {}", claim.id(), claim.action().value(),
                claim.sessionId(), claim.attempt(), reason, cause);
    }

    private void count(ClaimedPush claim, Outcome outcome) {
        Counter.builder("bridge.delivery.rows")
                .description("Inbox rows whose delivery attempt ended, by action and outcome")
                .tag("action", claim.action().value())
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(metrics).increment();
    }
}
