package dev.tcccbridge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.tcccbridge.crm.CdrBatch;
import dev.tcccbridge.crm.SalesforceApiAllowance;
import dev.tcccbridge.crm.SalesforceApiCalls;
import dev.tcccbridge.crm.SalesforceApiProperties;
import dev.tcccbridge.crm.UpsertOutcome;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.testing.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims on a real database: workers with their own connection pools, as separate instances
 * have, never hold the same row at once; a row whose holder died is claimed again once its
 * lease runs out, and is dead once that happened bridge.delivery.max-attempts times; a batch
 * slower than its lease leaves the rows another instance took over. Run against H2 and
 * PostgreSQL by the subclasses.
 */
abstract class DeliveryClaimsContract {

    static final int ROWS = 300;
    static final int MAX_ATTEMPTS = 5;
    static final CamelContext CAMEL = new DefaultCamelContext();

    private final List<HikariDataSource> pools = new ArrayList<>();
    private String url;
    private MovableClock clock;

    /** A new, empty database for one test. */
    abstract String newDatabaseUrl();

    abstract String user();

    abstract String password();

    @BeforeEach
    void migrate() {
        url = newDatabaseUrl();
        clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Flyway.configure().dataSource(url, user(), password()).load().migrate();
    }

    @AfterEach
    void closePools() {
        pools.forEach(HikariDataSource::close);
    }

    @Test
    void twoWorkersOnOneDatabaseNeverDeliverTheSameRow() throws Exception {
        insertDueRows(ROWS);
        DeliveryRepository first = instance();
        DeliveryRepository second = instance();
        Map<Long, String> deliveredBy = new ConcurrentHashMap<>();
        List<String> twice = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger done = new AtomicInteger();

        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            DeliveryRepository repository = w % 2 == 0 ? first : second;
            String worker = "worker-" + w;
            running.add(workers.submit(() -> {
                long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (done.get() < ROWS && System.nanoTime() < stopAt) {
                    for (ClaimedPush claim : repository.claim(worker, 7, Duration.ofMinutes(5), MAX_ATTEMPTS)) {
                        if (deliveredBy.putIfAbsent(claim.id(), worker) != null) {
                            twice.add(claim.id() + " by " + deliveredBy.get(claim.id()) + " and " + worker);
                        }
                        assertThat(repository.markDone(claim.id(), claim.attempt())).isTrue();
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : running) {
            worker.get(90, TimeUnit.SECONDS);
        }
        workers.shutdown();

        assertThat(twice).isEmpty();
        assertThat(deliveredBy).hasSize(ROWS);
        assertThat(new JdbcTemplate(pools.get(0)).queryForObject(
                "SELECT COUNT(*) FROM tccc_inbox WHERE status = 'DONE' AND attempts = 1", Integer.class))
                .isEqualTo(ROWS);
    }

    @Test
    void rowOfAWorkerThatDiedIsClaimedAgainAfterItsLeaseAndTheLateWorkerCannotFinishIt() {
        insertDueRows(3);
        DeliveryRepository crashed = instance();
        DeliveryRepository survivor = instance();

        List<ClaimedPush> held = crashed.claim("crashed", 10, Duration.ofMinutes(5), MAX_ATTEMPTS);
        assertThat(held).hasSize(3);
        // while the lease runs, nobody else gets the rows
        clock.advance(Duration.ofMinutes(4));
        assertThat(survivor.claim("survivor", 10, Duration.ofMinutes(5), MAX_ATTEMPTS)).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        List<ClaimedPush> reclaimed = survivor.claim("survivor", 10, Duration.ofMinutes(5), MAX_ATTEMPTS);

        assertThat(reclaimed).extracting(ClaimedPush::id)
                .containsExactlyInAnyOrderElementsOf(held.stream().map(ClaimedPush::id).toList());
        assertThat(reclaimed).allSatisfy(claim -> assertThat(claim.attempt()).isEqualTo(2));
        // the first worker comes back to life: its outcome no longer counts
        assertThat(crashed.markDead(held.get(0).id(), held.get(0).attempt(), "late")).isFalse();
        assertThat(survivor.markDone(reclaimed.get(0).id(), reclaimed.get(0).attempt())).isTrue();
    }

    @Test
    void retryIsNotClaimedBeforeItsTimeAndReplayMakesADeadRowDueAgain() {
        insertDueRows(1);
        DeliveryRepository repository = instance();
        ClaimedPush claim = repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS).get(0);
        repository.scheduleRetry(claim.id(), claim.attempt(), now().plusMinutes(1), "503");

        assertThat(repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS)).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        ClaimedPush retry = repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS).get(0);
        assertThat(retry.attempt()).isEqualTo(2);

        repository.markDead(retry.id(), retry.attempt(), "refused");
        assertThat(repository.dead(10)).extracting(InboxRow::lastError).containsExactly("refused");
        clock.advance(Duration.ofHours(1));
        assertThat(repository.replay(retry.id())).isTrue();
        assertThat(repository.replay(retry.id())).isFalse();
        ClaimedPush replayed = repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS).get(0);
        assertThat(replayed.windowStart()).isEqualTo(now());
    }

    @Test
    void deferredRowWaitsWithoutCountingAsAFailureAndIsWokenWhenItsSessionMovesOn() {
        insertDueRows(1);
        DeliveryRepository repository = instance();
        ClaimedPush first = repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS).get(0);
        assertThat(repository.defer(first.id(), first.attempt(), now().plusMinutes(1), "waiting for the CDR")).isTrue();

        assertThat(repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS)).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        ClaimedPush second = repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS).get(0);
        // the wait is no failure: the backoff starts from scratch, and so does the retry window
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.deferrals()).isEqualTo(1);
        assertThat(second.failedAttempts()).isZero();
        assertThat(second.windowStart()).isEqualTo(now());

        // waiting again; another row of the session is delivered: the wait ends at once
        repository.defer(second.id(), second.attempt(), now().plusMinutes(10), "waiting for the CDR");
        assertThat(repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS)).isEmpty();
        assertThat(repository.wakeDeferred("session-0")).isEqualTo(1);
        assertThat(repository.wakeDeferred("session-0")).isZero();
        ClaimedPush woken = repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS).get(0);
        assertThat(woken.deferrals()).isEqualTo(2);
        // a failure after the waits counts as the first
        repository.scheduleRetry(woken.id(), woken.attempt(), now(), "503");
        assertThat(repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS).get(0).failedAttempts()).isEqualTo(1);
    }

    @Test
    void rowThatStopsEveryInstanceDeliveringItIsDeadAfterMaxAttemptsAndNotClaimedAgain() {
        insertDueRows(1);
        DeliveryRepository repository = instance();
        for (int claim = 1; claim <= MAX_ATTEMPTS; claim++) {
            int attempt = claim;
            assertThat(repository.claim("instance-" + claim, 10, Duration.ofMinutes(5), MAX_ATTEMPTS))
                    .as("claim %d", claim).singleElement()
                    .satisfies(row -> assertThat(row.attempt()).isEqualTo(attempt));
            // the instance dies while delivering it; its lease runs out
            clock.advance(Duration.ofMinutes(6));
        }

        assertThat(repository.claim("next", 10, Duration.ofMinutes(5), MAX_ATTEMPTS)).isEmpty();
        InboxRow dead = repository.dead(10).get(0);
        assertThat(dead.status()).isEqualTo("DEAD");
        assertThat(dead.attempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(dead.lastError()).contains("claimed " + MAX_ATTEMPTS + " times without finishing");
        // an operator's replay gives it another chance: the count starts again
        assertThat(repository.replay(dead.id())).isTrue();
        assertThat(repository.claim("next", 10, Duration.ofMinutes(5), MAX_ATTEMPTS)).hasSize(1);
        clock.advance(Duration.ofMinutes(6));
        assertThat(repository.claim("next", 10, Duration.ofMinutes(5), MAX_ATTEMPTS)).hasSize(1);
    }

    @Test
    void retriesAndWaitsThatEndedAreNoAbandonedClaims() {
        insertDueRows(1);
        DeliveryRepository repository = instance();
        for (int attempt = 1; attempt <= 3 * MAX_ATTEMPTS; attempt++) {
            ClaimedPush claim = repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS).get(0);
            if (attempt % 2 == 0) {
                repository.defer(claim.id(), claim.attempt(), now(), "waiting for the CDR");
            } else {
                repository.scheduleRetry(claim.id(), claim.attempt(), now(), "503");
            }
        }
        // one claim that ran out is no cap either
        repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS);
        clock.advance(Duration.ofMinutes(6));

        ClaimedPush still = repository.claim("w", 10, Duration.ofMinutes(5), MAX_ATTEMPTS).get(0);
        assertThat(still.attempt()).isEqualTo(3 * MAX_ATTEMPTS + 2);
        assertThat(repository.markDone(List.of(still))).containsExactly(still);
    }

    @Test
    void slowBatchFindsItsRowsTakenOverWhenItsWorkStartsAndLeavesThem() {
        insertDueRows(4);
        DeliveryRepository slow = instance();
        DeliveryRepository other = instance();
        List<ClaimedPush> claimed = slow.claim("slow", 10, Duration.ofMinutes(5), MAX_ATTEMPTS);

        // its first half starts in time: the lease is renewed from now
        clock.advance(Duration.ofMinutes(3));
        assertThat(slow.startWork("slow", claimed.subList(0, 2), Duration.ofMinutes(5))).hasSize(2);
        clock.advance(Duration.ofMinutes(3));
        // the second half waited past the lease, and the other instance took it meanwhile
        List<ClaimedPush> takenOver = other.claim("other", 10, Duration.ofMinutes(5), MAX_ATTEMPTS);
        assertThat(takenOver).extracting(ClaimedPush::id)
                .containsExactlyElementsOf(claimed.subList(2, 4).stream().map(ClaimedPush::id).toList());
        assertThat(slow.startWork("slow", claimed.subList(2, 4), Duration.ofMinutes(5))).isEmpty();
        assertThat(other.startWork("other", takenOver, Duration.ofMinutes(5))).hasSize(2);
        // a row whose lease ran out but that nobody took is still the slow worker's
        clock.advance(Duration.ofMinutes(3));
        assertThat(slow.startWork("slow", claimed.subList(0, 1), Duration.ofMinutes(5))).hasSize(1);
        assertThat(slow.markDone(claimed.subList(0, 2))).hasSize(2);
        assertThat(other.markDone(takenOver)).hasSize(2);
    }

    @Test
    void twoInstancesWithBatchesSlowerThanTheLeaseDeliverEveryRowExactlyOnce() throws Exception {
        int rows = 120;
        insertDueCdrs(rows);
        Map<String, Integer> sent = new ConcurrentHashMap<>();
        AtomicInteger takenOver = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        // the first claims 50 rows at a time and delivers them 5 at a time, 150 ms each: its last
        // batches start after its 1 s lease, when the second (claiming 5 at a time) takes them
        ExecutorService instances = Executors.newFixedThreadPool(2);
        List<Future<?>> running = new ArrayList<>();
        for (String name : List.of("first", "second")) {
            InboxDelivery delivery = delivery(name, name.equals("first") ? 50 : 5, instance(Clock.systemUTC()));
            running.add(instances.submit(() -> {
                long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (done.get() < rows && System.nanoTime() < stopAt) {
                    List<ClaimedPush> claimed = delivery.claim();
                    for (List<ClaimedPush> part : partition(claimed, 5)) {
                        Exchange exchange = new DefaultExchange(CAMEL);
                        CdrBatch batch = delivery.startCdrBatch(part, exchange);
                        @SuppressWarnings("unchecked")
                        List<InboxDelivery.CdrRow> started = exchange.getProperty(InboxDelivery.CDR_ROWS, List.class);
                        takenOver.addAndGet(part.size() - started.size());
                        if (batch == null) {
                            continue;
                        }
                        // the CRM writes the batch's records
                        Map<String, UpsertOutcome> outcomes = new LinkedHashMap<>();
                        batch.calls().forEach(cdr -> {
                            sent.merge(cdr.sessionId(), 1, Integer::sum);
                            outcomes.put(cdr.sessionId(), UpsertOutcome.written("00T" + cdr.sessionId(), true));
                        });
                        Thread.sleep(150);
                        delivery.cdrBatchDelivered(outcomes, started,
                                exchange.getProperty(SalesforceApiCalls.BATCH_CALLS, AtomicInteger.class));
                        done.addAndGet(started.size());
                    }
                    Thread.sleep(10);
                }
                return null;
            }));
        }
        for (Future<?> instance : running) {
            instance.get(90, TimeUnit.SECONDS);
        }
        instances.shutdown();

        assertThat(sent).hasSize(rows);
        assertThat(sent.entrySet()).allSatisfy(entry -> assertThat(entry.getValue()).as(entry.getKey()).isEqualTo(1));
        assertThat(takenOver.get()).as("batches that found their rows taken over").isPositive();
        assertThat(new JdbcTemplate(pools.get(0)).queryForObject(
                "SELECT COUNT(*) FROM tccc_inbox WHERE status = 'DONE'", Integer.class)).isEqualTo(rows);
    }

    private InboxDelivery delivery(String worker, int batchSize, DeliveryRepository repository) {
        DeliveryProperties properties = new DeliveryProperties(true, Duration.ofMillis(100), batchSize, 1,
                Duration.ofSeconds(1), MAX_ATTEMPTS, Duration.ofHours(24), Duration.ofSeconds(30), Duration.ofMinutes(30),
                0.2, Duration.ofMinutes(10), Duration.ofSeconds(30));
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        SalesforceApiAllowance allowance = new SalesforceApiAllowance(
                new SalesforceApiProperties(0.8, Duration.ofMinutes(1)), Clock.systemUTC(), metrics);
        return new InboxDelivery(repository, properties, new FailureClassifier(Clock.systemUTC()),
                Backoff.of(properties), new PushReader(new ObjectMapper()), Clock.systemUTC(), new DeliveryWorker(worker),
                new SalesforceApiCalls(allowance, metrics), allowance, metrics);
    }

    private static <T> List<List<T>> partition(List<T> list, int size) {
        List<List<T>> parts = new ArrayList<>();
        for (int from = 0; from < list.size(); from += size) {
            parts.add(list.subList(from, Math.min(list.size(), from + size)));
        }
        return parts;
    }

    private DeliveryRepository instance() {
        return instance(clock);
    }

    private DeliveryRepository instance(Clock time) {
        HikariDataSource pool = pool();
        return new DeliveryRepository(new JdbcTemplate(pool),
                new TransactionTemplate(new DataSourceTransactionManager(pool)), time);
    }

    /** A connection pool of its own, as an instance has. */
    private HikariDataSource pool() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user());
        pool.setPassword(password());
        pool.setMaximumPoolSize(4);
        pools.add(pool);
        return pool;
    }

    private void insertDueRows(int count) {
        insert(count, i -> "{}");
    }

    /** Due CDR rows with payloads a delivery reads. */
    private void insertDueCdrs(int count) {
        insert(count, i -> "{\"SessionId\":\"session-" + i + "\"}");
    }

    private void insert(int count, IntFunction<String> payload) {
        JdbcTemplate jdbc = new JdbcTemplate(pool());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {"push-" + i, "session-" + i, payload.apply(i), now().minusSeconds(count - i),
                    now().minusSeconds(count - i)});
        }
        jdbc.batchUpdate("""
                INSERT INTO tccc_inbox (push_id, action, session_id, payload, received_at, status, attempts,
                                        next_attempt_at)
                VALUES (?, 'cdr', ?, ?, ?, 'PENDING', 0, ?)""", rows);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
