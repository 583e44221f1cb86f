package dev.tcccbridge.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A named lock in the database (table {@code scheduler_lock}), so that a scheduled job runs on
 * one instance at a time however many share the database.
 *
 * <p>Taking the lock is one conditional UPDATE that only succeeds when the lock has expired; the
 * row is created on first use with {@code INSERT ... ON CONFLICT DO NOTHING}. Each statement
 * commits on its own (no surrounding transaction), so the lock is visible to the other instances
 * at once. A holder that dies leaves the lock to expire after its lease.
 */
public class SchedulerLock {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String owner;

    public SchedulerLock(JdbcTemplate jdbc, Clock clock, String owner) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.owner = owner;
    }

    /** Who takes locks: this instance. */
    public String owner() {
        return owner;
    }

    /** Takes the lock {@code name} for {@code lease} unless another holder's lease runs. @return whether taken */
    public boolean tryLock(String name, Duration lease) {
        OffsetDateTime now = now();
        try {
            jdbc.update("INSERT INTO scheduler_lock (name, locked_by, locked_until) VALUES (?, NULL, ?)"
                    + " ON CONFLICT DO NOTHING", name, now.minus(lease));
        } catch (DuplicateKeyException e) {
            // created meanwhile by another instance (H2 reports it as an error): it exists now
        }
        try {
            return jdbc.update("UPDATE scheduler_lock SET locked_by = ?, locked_until = ?"
                    + " WHERE name = ? AND locked_until <= ?", owner, now.plus(lease), name, now) == 1;
        } catch (PessimisticLockingFailureException e) {
            // another instance was taking it at the same moment (H2 may say so instead of waiting)
            return false;
        }
    }

    /** Gives the lock back, if this instance still holds it. */
    public void release(String name) {
        OffsetDateTime now = now();
        jdbc.update("UPDATE scheduler_lock SET locked_until = ? WHERE name = ? AND locked_by = ? AND locked_until > ?",
                now, name, owner, now);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
