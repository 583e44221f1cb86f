package dev.tcccbridge.recording;

import dev.tcccbridge.inbox.InboxReplays;
import dev.tcccbridge.schedule.SchedulerLock;
import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.PushRejected;
import dev.tcccbridge.tccc.Recording;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of {@code routes/recording-sweep.camel.yaml}: delivered recordings whose links are
 * older than {@code bridge.recording.archive-before} and that are not archived are queued for
 * delivery again, which archives them into Salesforce Files (the archive path of
 * {@code direct:deliver-record}) and then lists the File on the Task instead of the link. A link
 * older than {@code bridge.recording.link-lifetime} has expired with TCCC's storage: it is
 * reported, not tried. Each recording is swept once ({@link RecordingSweeps}).
 *
 * <p>Metrics: {@code bridge.recording.sweep} by outcome (queued, expired, own_storage).
 */
@Component
public class RecordingSweep {

    public static final String LOCK_NAME = "recording-sweep";
    /** The run's counts, by outcome. */
    static final String TALLY = "TcccSweepTally";

    private static final Logger LOG = LoggerFactory.getLogger(RecordingSweep.class);

    private final RecordingProperties properties;
    private final RecordingSweeps sweeps;
    private final InboxReplays replays;
    private final SchedulerLock lock;
    private final PushReader reader;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry metrics;

    /** A recording to sweep, read from its inbox row. */
    public record Item(RecordingSweeps.Candidate candidate, Recording recording) {

        /** When the link was made: the recording's Timestamp, else when its push arrived. */
        Instant linkMadeAt() {
            Long timestamp = recording.timestamp();
            return timestamp != null && timestamp > 0 ? Instant.ofEpochSecond(timestamp)
                    : candidate.receivedAt().toInstant();
        }
    }

    public RecordingSweep(RecordingProperties properties, RecordingSweeps sweeps, InboxReplays replays,
                          SchedulerLock lock, PushReader reader, TransactionTemplate transaction, Clock clock,
                          MeterRegistry metrics) {
        this.properties = properties;
        this.sweeps = sweeps;
        this.replays = replays;
        this.lock = lock;
        this.reader = reader;
        this.transaction = transaction;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** In {@code direct:deliver-record}: archive when bridge.recording.archive is on or the sweep queued it. */
    public boolean archiveWanted(@ExchangeProperty(RecordingToTask.RECORDING) Recording recording) {
        return properties.archive() || sweeps.queued(recording.recordId());
    }

    /** Takes the lock {@value #LOCK_NAME} unless another instance holds it. @return whether taken */
    public boolean lock() {
        // a sweep takes at most max-per-run / per-minute minutes; the lease covers the interval
        return lock.tryLock(LOCK_NAME, properties.sweep().interval());
    }

    public void release() {
        lock.release(LOCK_NAME);
    }

    /** At most max-per-run delivered recordings, not archived nor swept, older than archive-before; oldest first. */
    public List<Item> due(Exchange exchange) {
        exchange.setProperty(TALLY, new LinkedHashMap<String, Integer>());
        OffsetDateTime before = OffsetDateTime.now(clock).minus(properties.archiveBefore());
        Map<String, Item> items = new LinkedHashMap<>();
        for (RecordingSweeps.Candidate candidate : sweeps.candidates(before, properties.sweep().maxPerRun())) {
            try {
                Recording recording = (Recording) reader.read(PushAction.RECORD, candidate.payload());
                // a recording pushed again (another push id) is one recording: its latest row
                items.merge(candidate.recordId(), new Item(candidate, recording),
                        (a, b) -> a.candidate().inboxId() > b.candidate().inboxId() ? a : b);
            } catch (PushRejected e) {
                LOG.warn("archive sweep: inbox {} cannot be read and is left out: {}", candidate.inboxId(),
                        e.getMessage());
            }
        }
        return new ArrayList<>(items.values());
    }

    /** Whether the link is older than TCCC keeps recordings (bridge.recording.link-lifetime). */
    public boolean expired(@Body Item item) {
        return expired(item, clock.instant(), properties.linkLifetime());
    }

    static boolean expired(Item item, Instant now, Duration linkLifetime) {
        return !item.linkMadeAt().plus(linkLifetime).isAfter(now);
    }

    /** Whether the recording is in the customer's own storage (its CustomRecordURL does not expire with TCCC's). */
    public boolean ownStorage(@Body Item item) {
        String custom = item.recording().customRecordUrl();
        return custom != null && !custom.isBlank();
    }

    /** Reported once (WARN and the metric), never tried: the audio is gone. */
    public void reportExpired(@Body Item item, @ExchangeProperty(TALLY) Map<String, Integer> tally) {
        if (sweeps.remember(item.candidate(), RecordingSweeps.EXPIRED)) {
            LOG.warn("archive sweep: recording {} of session {} was made {} and its TCCC link has expired"
                            + " (bridge.recording.link-lifetime {}): not archived, the Task keeps the dead link",
                    item.recording().recordId(), item.recording().sessionId(), item.linkMadeAt(),
                    properties.linkLifetime());
            count(tally, RecordingSweeps.EXPIRED);
        }
    }

    /** Left as it is: nothing to archive before an expiry. */
    public void leave(@Body Item item, @ExchangeProperty(TALLY) Map<String, Integer> tally) {
        if (sweeps.remember(item.candidate(), RecordingSweeps.OWN_STORAGE)) {
            count(tally, RecordingSweeps.OWN_STORAGE);
        }
    }

    /** Its inbox row is delivered again, and this time archived (one transaction: remembered and due, or neither). */
    public void queue(@Body Item item, @ExchangeProperty(TALLY) Map<String, Integer> tally) {
        Boolean queued = transaction.execute(status -> sweeps.remember(item.candidate(), RecordingSweeps.QUEUED)
                && replays.replay(item.candidate().inboxId()));
        if (Boolean.TRUE.equals(queued)) {
            LOG.info("archive sweep: recording {} of session {} (link made {}) queued for archiving as inbox {}",
                    item.recording().recordId(), item.recording().sessionId(), item.linkMadeAt(),
                    item.candidate().inboxId());
            count(tally, RecordingSweeps.QUEUED);
        }
    }

    public void done(@ExchangeProperty(TALLY) Map<String, Integer> tally) {
        if (!tally.isEmpty()) {
            LOG.info("archive sweep: {}", tally);
        }
    }

    public void failed(@ExchangeProperty(TALLY) Map<String, Integer> tally,
                       @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        LOG.error("archive sweep stopped after {}; the next sweep goes on", tally == null ? "{}" : tally, cause);
    }

    private void count(Map<String, Integer> tally, String outcome) {
        tally.merge(outcome.toLowerCase(Locale.ROOT), 1, Integer::sum);
        metrics.counter("bridge.recording.sweep", "outcome", outcome.toLowerCase(Locale.ROOT)).increment();
    }
}
