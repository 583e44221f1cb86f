package dev.tcccbridge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves, for time the bridge would otherwise have to wait out: standing still at
 * a given instant, or running with the system clock ({@link #running()}), ahead by what the
 * test advanced it.
 */
public final class MovableClock extends Clock {

    private final Instant start;
    private volatile Duration advanced = Duration.ZERO;

    /** A clock standing at {@code start} until it is advanced. */
    public MovableClock(Instant start) {
        this.start = start;
    }

    private MovableClock() {
        this.start = null;
    }

    /** A clock that runs with the system clock, ahead of it by what it was advanced. */
    public static MovableClock running() {
        return new MovableClock();
    }

    public void advance(Duration duration) {
        advanced = advanced.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return (start == null ? Instant.now() : start).plus(advanced);
    }
}
