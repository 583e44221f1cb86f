package dev.tcccbridge.desk;

import dev.tcccbridge.http.JsonAnswers;
import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes the vendor-format answer of a Desk callback, {@code {"ActionStatus":..,"ErrorCode":..,
 * "ErrorInfo":..}} plus the command's fields, with its HTTP status, and counts it. The answer
 * carries only the headers set here: nothing the caller sent is echoed back.
 */
@Component
public class DeskAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(DeskAnswers.class);

    private final JsonAnswers answers;
    private final DeskMapping mapping;
    private final DeskMetrics metrics;

    public DeskAnswers(JsonAnswers answers, DeskProperties properties, DeskMetrics metrics) {
        this.answers = answers;
        this.mapping = new DeskMapping(properties.assignment(), properties.variables());
        this.metrics = metrics;
    }

    /** The answer from what the CRM said (or the fallback when it could not say). */
    public String answer(@ExchangeProperty(DeskCustomers.CALLBACK) DeskCallback callback,
                         @ExchangeProperty(DeskCustomers.LOOKUP) DeskLookup lookup, Exchange exchange) {
        DeskLookup known = lookup == null ? DeskLookup.UNAVAILABLE : lookup;
        DeskAnswer answer = mapping.answer(callback.command(), known);
        metrics.record(callback.command(), DeskOutcome.of(known), elapsed(exchange));
        return write(exchange.getMessage(), 200, answer);
    }

    public String refused(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) DeskRefused refused, Exchange exchange) {
        LOG.warn("Desk callback refused with {}: {}", refused.error().httpStatus(), refused.getMessage());
        metrics.record(command(exchange), DeskOutcome.REFUSED, elapsed(exchange));
        return write(exchange.getMessage(), refused.error().httpStatus(),
                DeskAnswer.refused(refused.error(), refused.getMessage()));
    }

    /** A fault of ours: Desk routes the chat its own way. */
    public String failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause, Exchange exchange) {
        LOG.error("Desk callback not answered", cause);
        metrics.record(command(exchange), DeskOutcome.ERROR, elapsed(exchange));
        return write(exchange.getMessage(), DeskError.INTERNAL_ERROR.httpStatus(),
                DeskAnswer.refused(DeskError.INTERNAL_ERROR, "internal error"));
    }

    private static DeskCommand command(Exchange exchange) {
        DeskCallback callback = exchange.getProperty(DeskCustomers.CALLBACK, DeskCallback.class);
        return callback == null ? null : callback.command();
    }

    private static Duration elapsed(Exchange exchange) {
        return Duration.ofMillis(exchange.getClock().elapsed());
    }

    private String write(Message message, int status, DeskAnswer answer) {
        return answers.write(message, status, answer);
    }
}
