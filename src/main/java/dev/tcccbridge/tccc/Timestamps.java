package dev.tcccbridge.tccc;

import java.time.Instant;
import java.util.Optional;

/** TCCC timestamps are Unix seconds, and {@code 0} means the moment never came. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Optional<Instant> instant(Long unixSeconds) {
        return unixSeconds == null || unixSeconds <= 0
                ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(unixSeconds));
    }
}
