package dev.tcccbridge.crm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.salesforce.SalesforceEndpoint;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSendingEvent;
import org.apache.camel.spi.CamelEvent.ExchangeSentEvent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Every call to a {@code salesforce:} endpoint, whatever route makes it: counted
 * ({@code bridge_salesforce_api_calls_total{operation}}), its {@code Sforce-Limit-Info} answer
 * header handed to {@link SalesforceApiAllowance}, and a {@code REQUEST_LIMIT_EXCEEDED} refusal
 * too. An exchange that carries the property {@link #BATCH_CALLS} (a CDR batch) counts its calls
 * there, for {@code bridge_salesforce_api_calls_per_cdr}. It adds itself to Camel's event
 * notifiers as the context starts (camel-spring-boot does not pick up notifier beans by itself).
 */
@Component
public class SalesforceApiCalls extends EventNotifierSupport implements CamelContextConfiguration {

    /** Exchange property: an {@link AtomicInteger} counting the Salesforce calls of one CDR batch. */
    public static final String BATCH_CALLS = "CrmApiCalls";
    static final String LIMIT_INFO = "Sforce-Limit-Info";
    static final String LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";

    private final SalesforceApiAllowance allowance;
    private final MeterRegistry metrics;
    private final Map<String, Counter> calls = new ConcurrentHashMap<>();
    private final LongAdder cdrCalls = new LongAdder();
    private final LongAdder cdrs = new LongAdder();

    public SalesforceApiCalls(SalesforceApiAllowance allowance, MeterRegistry metrics) {
        this.allowance = allowance;
        this.metrics = metrics;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeCompletedEvent(true);
        setIgnoreExchangeFailedEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        Gauge.builder("bridge.salesforce.api.calls.per.cdr", this, SalesforceApiCalls::callsPerCdr)
                .description("Salesforce API calls CDR batches made per CDR they delivered, since start")
                .register(metrics);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        if (!camelContext.getManagementStrategy().getEventNotifiers().contains(this)) {
            camelContext.getManagementStrategy().addEventNotifier(this);
        }
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do once started
    }

    /** Sending events too: Camel times a send, and then tells it was sent, only when its sending is of interest. */
    @Override
    public boolean isEnabled(CamelEvent event) {
        return (event instanceof ExchangeSentEvent sent && sent.getEndpoint() instanceof SalesforceEndpoint)
                || (event instanceof ExchangeSendingEvent sending && sending.getEndpoint() instanceof SalesforceEndpoint);
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof ExchangeSentEvent sent)) {
            return;
        }
        Exchange exchange = sent.getExchange();
        String operation = ((SalesforceEndpoint) sent.getEndpoint()).getOperationName().value();
        calls.computeIfAbsent(operation, op -> Counter.builder("bridge.salesforce.api.calls")
                .description("Calls made to the Salesforce API, by operation")
                .tag("operation", op)
                .register(metrics)).increment();
        AtomicInteger batch = exchange.getProperty(BATCH_CALLS, AtomicInteger.class);
        if (batch != null) {
            batch.incrementAndGet();
        }
        if (exchange.getException() instanceof SalesforceException failure && limitExceeded(failure)) {
            allowance.limitExceeded();
        } else {
            allowance.observe(exchange.getMessage().getHeader(LIMIT_INFO, String.class));
        }
    }

    /** A CDR batch ended: its CDRs and the calls it made. */
    public void cdrBatch(int rows, int callsMade) {
        cdrs.add(rows);
        cdrCalls.add(callsMade);
    }

    private double callsPerCdr() {
        long rows = cdrs.sum();
        return rows == 0 ? Double.NaN : (double) cdrCalls.sum() / rows;
    }

    static boolean limitExceeded(SalesforceException failure) {
        return failure.getErrors() != null && failure.getErrors().stream()
                .map(RestError::getErrorCode).anyMatch(LIMIT_EXCEEDED::equals);
    }
}
