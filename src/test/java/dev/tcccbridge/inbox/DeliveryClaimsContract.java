package dev.tcccbridge.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.tcccbridge.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims on a real database: workers with their own connection pools, as separate instances
 * have, never hold the same row at once, and a row whose holder died is claimed again once its
 * lease runs out. Run against H2 and PostgreSQL by the subclasses.
 */
abstract class DeliveryClaimsContract {

    static final int ROWS = 300;

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
                    for (ClaimedPush claim : repository.claim(worker, 7, Duration.ofMinutes(5))) {
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

        List<ClaimedPush> held = crashed.claim("crashed", 10, Duration.ofMinutes(5));
        assertThat(held).hasSize(3);
        // while the lease runs, nobody else gets the rows
        clock.advance(Duration.ofMinutes(4));
        assertThat(survivor.claim("survivor", 10, Duration.ofMinutes(5))).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        List<ClaimedPush> reclaimed = survivor.claim("survivor", 10, Duration.ofMinutes(5));

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
        ClaimedPush claim = repository.claim("w", 10, Duration.ofMinutes(5)).get(0);
        repository.scheduleRetry(claim.id(), claim.attempt(), now().plusMinutes(1), "503");

        assertThat(repository.claim("w", 10, Duration.ofMinutes(5))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        ClaimedPush retry = repository.claim("w", 10, Duration.ofMinutes(5)).get(0);
        assertThat(retry.attempt()).isEqualTo(2);

        repository.markDead(retry.id(), retry.attempt(), "refused");
        assertThat(repository.dead(10)).extracting(InboxRow::lastError).containsExactly("refused");
        clock.advance(Duration.ofHours(1));
        assertThat(repository.replay(retry.id())).isTrue();
        assertThat(repository.replay(retry.id())).isFalse();
        ClaimedPush replayed = repository.claim("w", 10, Duration.ofMinutes(5)).get(0);
        assertThat(replayed.windowStart()).isEqualTo(now());
    }

    @Test
    void deferredRowWaitsWithoutCountingAsAFailureAndIsWokenWhenItsSessionMovesOn() {
        insertDueRows(1);
        DeliveryRepository repository = instance();
        ClaimedPush first = repository.claim("w", 10, Duration.ofMinutes(5)).get(0);
        assertThat(repository.defer(first.id(), first.attempt(), now().plusMinutes(1), "waiting for the CDR")).isTrue();

        assertThat(repository.claim("w", 10, Duration.ofMinutes(5))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        ClaimedPush second = repository.claim("w", 10, Duration.ofMinutes(5)).get(0);
        // the wait is no failure: the backoff starts from scratch, and so does the retry window
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.deferrals()).isEqualTo(1);
        assertThat(second.failedAttempts()).isZero();
        assertThat(second.windowStart()).isEqualTo(now());

        // waiting again; another row of the session is delivered: the wait ends at once
        repository.defer(second.id(), second.attempt(), now().plusMinutes(10), "waiting for the CDR");
        assertThat(repository.claim("w", 10, Duration.ofMinutes(5))).isEmpty();
        assertThat(repository.wakeDeferred("session-0")).isEqualTo(1);
        assertThat(repository.wakeDeferred("session-0")).isZero();
        ClaimedPush woken = repository.claim("w", 10, Duration.ofMinutes(5)).get(0);
        assertThat(woken.deferrals()).isEqualTo(2);
        // a failure after the waits counts as the first
        repository.scheduleRetry(woken.id(), woken.attempt(), now(), "503");
        assertThat(repository.claim("w", 10, Duration.ofMinutes(5)).get(0).failedAttempts()).isEqualTo(1);
    }

    private DeliveryRepository instance() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user());
        pool.setPassword(password());
        pool.setMaximumPoolSize(4);
        pools.add(pool);
        return new DeliveryRepository(new JdbcTemplate(pool),
                new TransactionTemplate(new DataSourceTransactionManager(pool)), clock);
    }

    private void insertDueRows(int count) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user());
        pool.setPassword(password());
        pools.add(pool);
        JdbcTemplate jdbc = new JdbcTemplate(pool);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {"push-" + i, "session-" + i, now().minusSeconds(count - i), now().minusSeconds(count - i)});
        }
        jdbc.batchUpdate("""
                INSERT INTO tccc_inbox (push_id, action, session_id, payload, received_at, status, attempts,
                                        next_attempt_at)
                VALUES (?, 'cdr', ?, '{}', ?, 'PENDING', 0, ?)""", rows);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
