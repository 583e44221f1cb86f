package dev.tcccbridge.http;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.http.*}: the request pools. Every request to a route runs on the pool of its path,
 * so that a burst on one (Desk callbacks, a slow admin call) never delays another (TCCC's
 * pushes, which TCCC gives up on after three tries). A request that finds its pool busy and
 * its queue full is answered 503 at once, in the format of its endpoint.
 *
 * @param push  the TCCC push path
 * @param desk  the Desk callback path
 * @param other every other route: {@code /admin/**} and any route an integration team adds
 */
@Validated
@ConfigurationProperties("bridge.http")
public record RequestPoolProperties(
        @Valid @DefaultValue Push push,
        @Valid @DefaultValue Desk desk,
        @Valid @DefaultValue Other other) {

    /** The size of one pool. */
    public interface Pool {

        /** Requests handled at once. */
        int threads();

        /** Requests waiting for a thread; more are refused with 503. */
        int queue();
    }

    public record Push(@DefaultValue("16") @Min(1) @Max(1000) int threads,
                       @DefaultValue("256") @Min(0) @Max(100_000) int queue) implements Pool {
    }

    public record Desk(@DefaultValue("16") @Min(1) @Max(1000) int threads,
                       @DefaultValue("32") @Min(0) @Max(100_000) int queue) implements Pool {
    }

    public record Other(@DefaultValue("4") @Min(1) @Max(1000) int threads,
                        @DefaultValue("16") @Min(0) @Max(100_000) int queue) implements Pool {
    }
}
