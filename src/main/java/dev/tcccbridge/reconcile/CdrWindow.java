package dev.tcccbridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time window of a DescribeTelCdr request, in Unix seconds as the API takes it
 * ({@code StartTimeStamp}, {@code EndTimeStamp}).
 */
public record CdrWindow(long startTimeStamp, long endTimeStamp) {

    public CdrWindow {
        if (endTimeStamp <= startTimeStamp) {
            throw new IllegalArgumentException("the window must end after it starts");
        }
    }

    /** The {@code lookback} up to {@code now}, whole seconds (the start rounded down, the end up). */
    public static CdrWindow lookingBack(Instant now, Duration lookback) {
        long end = now.getEpochSecond() + (now.getNano() > 0 ? 1 : 0);
        return new CdrWindow(now.minus(lookback).getEpochSecond(), end);
    }

    /**
     * As {@link #lookingBack(Instant, Duration)}, but never starting before {@code horizon}, the
     * time before which retention may have deleted inbox rows. Empty when the whole window lies
     * before it.
     */
    public static Optional<CdrWindow> lookingBack(Instant now, Duration lookback, Optional<Instant> horizon) {
        CdrWindow window = lookingBack(now, lookback);
        if (horizon.isEmpty()) {
            return Optional.of(window);
        }
        // rounded up: a call that started in the horizon's second may have arrived before it
        long kept = horizon.get().getEpochSecond() + (horizon.get().getNano() > 0 ? 1 : 0);
        if (kept <= window.startTimeStamp()) {
            return Optional.of(window);
        }
        return kept < window.endTimeStamp() ? Optional.of(new CdrWindow(kept, window.endTimeStamp())) : Optional.empty();
    }
}
