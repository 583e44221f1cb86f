package dev.tcccbridge.mail;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * For {@code enrich}: the work happens on a copy of the exchange, and the caller gets its own
 * message back untouched (body and headers, such as the delivery's TcccInboxId). A failure of
 * the copy is the caller's failure.
 */
@Component
public class KeepCallerMessage implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange caller, Exchange work) {
        if (work != null && work.getException() != null) {
            caller.setException(work.getException());
        }
        return caller;
    }
}
