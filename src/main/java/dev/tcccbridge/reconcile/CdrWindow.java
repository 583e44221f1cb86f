package dev.tcccbridge.reconcile;

import java.time.Duration;
import java.time.Instant;

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
}
