package dev.tcccbridge.inbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: {@code base * 2^(attempt-1)}, at most {@code max}, of which
 * a random share up to {@code jitter} is taken off, so that rows failing together spread out.
 */
public class Backoff {

    private final Duration base;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;

    public Backoff(Duration base, Duration max, double jitter) {
        this(base, max, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1) */
    Backoff(Duration base, Duration max, double jitter, DoubleSupplier random) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("backoff needs 0 < base <= max and 0 <= jitter <= 1");
        }
        this.base = base;
        this.max = max;
        this.jitter = jitter;
        this.random = random;
    }

    public static Backoff of(DeliveryProperties properties) {
        return new Backoff(properties.backoffBase(), properties.backoffMax(), properties.backoffJitter());
    }

    /** The delay after failed attempt number {@code attempt} (from 1). */
    public Duration after(int attempt) {
        long baseMillis = base.toMillis();
        long maxMillis = max.toMillis();
        int doublings = Math.max(0, attempt - 1);
        // past 62 doublings (or once past max) the cap applies; avoid overflowing the shift
        long delay = doublings >= Long.numberOfLeadingZeros(baseMillis) - 1 ? maxMillis
                : Math.min(maxMillis, baseMillis << doublings);
        long cut = (long) (delay * jitter * random.getAsDouble());
        return Duration.ofMillis(delay - cut);
    }
}
