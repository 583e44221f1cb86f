package dev.tcccbridge.desk;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link DeskLookup} that the lookup route ended with as a property of the callback.
 * Only this immutable value crosses over: a CRM answer that arrives after the time budget lands
 * on the lookup's own exchange and can never change an answer already on its way.
 */
@Component
public class DeskLookupResult implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange callback, Exchange lookup) {
        if (lookup.getException() != null) {
            callback.setException(lookup.getException());
        } else {
            callback.setProperty(DeskCustomers.LOOKUP, lookup.getMessage().getBody(DeskLookup.class));
        }
        return callback;
    }
}
