package dev.tcccbridge.tccc;

import java.time.Instant;
import java.util.Optional;

/**
 * TCCC timestamps are Unix seconds, and {@code 0} means the moment never came. So does a value
 * past the last day Salesforce stores (4000-12-31): no call happens then, and it would make a
 * date no system takes (milliseconds sent for seconds, say).
 */
public final class Timestamps {

    static final long LAST = Instant.parse("4000-12-31T23:59:59Z").getEpochSecond();

    private Timestamps() {
    }

    public static Optional<Instant> instant(Long unixSeconds) {
        return unixSeconds == null || unixSeconds <= 0 || unixSeconds > LAST
                ? Optional.empty()
                : Optional.of(Instant.ofEpochSecond(unixSeconds));
    }
}
