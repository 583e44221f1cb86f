package dev.tcccbridge.inbox;

import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.TcccPush;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of the delivery route: claim due rows, hand each to its action's pipeline, and
 * record the outcome (done; retry later with backoff; dead).
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

    private static final Logger LOG = LoggerFactory.getLogger(InboxDelivery.class);

    private final DeliveryRepository repository;
    private final DeliveryProperties properties;
    private final FailureClassifier classifier;
    private final Backoff backoff;
    private final PushReader reader;
    private final Clock clock;
    private final String worker;

    public InboxDelivery(DeliveryRepository repository, DeliveryProperties properties, FailureClassifier classifier,
                         Backoff backoff, PushReader reader, Clock clock, DeliveryWorker worker) {
        this.repository = repository;
        this.properties = properties;
        this.classifier = classifier;
        this.backoff = backoff;
        this.reader = reader;
        this.clock = clock;
        this.worker = worker.id();
    }

    /** Due rows for this instance, at most one batch. */
    public List<ClaimedPush> claim() {
        return repository.claim(worker, properties.batchSize(), properties.lease());
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
        if (repository.markDone(claim.id(), claim.attempt())) {
            LOG.info("inbox {} ({} of session {}) delivered at attempt {}", claim.id(), claim.action().value(),
                    claim.sessionId(), claim.attempt());
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
        Failure failure = classifier.classify(cause);
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (failure.deferred()) {
            OffsetDateTime next = now.plus(failure.deferral());
            repository.defer(claim.id(), claim.attempt(), next, failure.reason());
            LOG.debug("inbox {} ({} of session {}) waits until {}: {}", claim.id(), claim.action().value(),
                    claim.sessionId(), next, failure.reason());
            return;
        }
        OffsetDateTime deadline = claim.windowStart().plus(properties.retryWindow());
        if (!failure.retryable()) {
            dead(claim, failure.reason(), cause);
        } else if (!now.isBefore(deadline)) {
            dead(claim, "retry window of " + properties.retryWindow() + " passed; last error: " + failure.reason(),
                    cause);
        } else {
            Duration delay = backoff.after(claim.failedAttempts() + 1);
            OffsetDateTime next = now.plus(delay).isAfter(deadline) ? deadline : now.plus(delay);
            repository.scheduleRetry(claim.id(), claim.attempt(), next, failure.reason());
            LOG.warn("inbox {} ({} of session {}) attempt {} failed, retry at {}: {}", claim.id(),
                    claim.action().value(), claim.sessionId(), claim.attempt(), next, failure.reason());
        }
    }

    private void dead(ClaimedPush claim, String reason, Throwable cause) {
        repository.markDead(claim.id(), claim.attempt(), reason);
        LOG.error("inbox {} ({} of session {}) is dead after attempt {}: {}", claim.id(), claim.action().value(),
                claim.sessionId(), claim.attempt(), reason, cause);
    }
}
