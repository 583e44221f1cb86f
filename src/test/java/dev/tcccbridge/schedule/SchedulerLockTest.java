package dev.tcccbridge.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The database lock of scheduled jobs, on the schema the migrations make (H2). */
class SchedulerLockTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private JdbcTemplate jdbc;
    private SchedulerLock a;
    private SchedulerLock b;

    @BeforeEach
    void database() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestDatabases.h2Url(), "sa", "");
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        a = new SchedulerLock(jdbc, clock, "instance-a");
        b = new SchedulerLock(jdbc, clock, "instance-b");
    }

    @Test
    void whileOneInstanceHoldsTheLockAnotherCannotTakeIt() {
        assertThat(a.tryLock("reconcile", Duration.ofMinutes(10))).isTrue();
        assertThat(b.tryLock("reconcile", Duration.ofMinutes(10))).isFalse();
        assertThat(a.tryLock("reconcile", Duration.ofMinutes(10))).as("not re-entrant either").isFalse();
        assertThat(b.tryLock("another-job", Duration.ofMinutes(10))).as("locks are per name").isTrue();
    }

    @Test
    void releasedTheLockIsFreeAtOnce() {
        a.tryLock("reconcile", Duration.ofMinutes(10));
        a.release("reconcile");

        assertThat(b.tryLock("reconcile", Duration.ofMinutes(10))).isTrue();
        assertThat(jdbc.queryForObject("SELECT locked_by FROM scheduler_lock WHERE name = 'reconcile'", String.class))
                .isEqualTo("instance-b");
    }

    @Test
    void onlyTheHolderReleases() {
        a.tryLock("reconcile", Duration.ofMinutes(10));
        b.release("reconcile");

        assertThat(b.tryLock("reconcile", Duration.ofMinutes(10))).isFalse();
    }

    @Test
    void theLockOfAnInstanceThatDiedExpiresAfterItsLease() {
        a.tryLock("reconcile", Duration.ofMinutes(10));

        now.set(now.get().plus(Duration.ofMinutes(9)));
        assertThat(b.tryLock("reconcile", Duration.ofMinutes(10))).isFalse();
        now.set(now.get().plus(Duration.ofMinutes(1)));
        assertThat(b.tryLock("reconcile", Duration.ofMinutes(10))).isTrue();
        a.release("reconcile");
        assertThat(a.tryLock("reconcile", Duration.ofMinutes(10))).as("a late release of the old holder changes nothing")
                .isFalse();
    }
}
