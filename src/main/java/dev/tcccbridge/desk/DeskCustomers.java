package dev.tcccbridge.desk;

import dev.tcccbridge.crm.SalesforceQueries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tcccbridge.crm.CrmMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the CRM record of a callback's Desk user, for the route: {@link #known} answers without
 * the CRM when it can (cache, dry-run, no usable user id), {@link #soql} is the query the route
 * sends to Salesforce, {@link #remember} reads and caches its answer, {@link #unavailable} stands
 * in when the CRM fails or is too slow.
 */
@Component
public class DeskCustomers {

    /** Exchange property holding the {@link DeskCallback}. */
    public static final String CALLBACK = "deskCallback";
    /** Exchange property holding the {@link DeskLookup}. */
    public static final String LOOKUP = "deskLookup";

    private static final Logger LOG = LoggerFactory.getLogger(DeskCustomers.class);

    private final boolean crmEnabled;
    private final DeskCustomerQuery query;
    private final ObjectMapper objectMapper;
    private final Cache<String, DeskLookup> cache;
    private final long lookupTimeoutMillis;
    private final Duration openFor;
    private final AtomicBoolean circuitOpen = new AtomicBoolean();

    public DeskCustomers(DeskProperties properties, CrmMode crmMode, ObjectMapper objectMapper,
                         MeterRegistry meterRegistry) {
        this.crmEnabled = crmMode == CrmMode.SALESFORCE;
        this.query = new DeskCustomerQuery(properties);
        this.objectMapper = objectMapper;
        this.lookupTimeoutMillis = properties.lookupTimeout().toMillis();
        this.openFor = properties.circuitBreaker().waitDurationInOpenState();
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.cache().ttl())
                .maximumSize(properties.cache().maxSize())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(meterRegistry, cache, "desk-customers");
        if (crmEnabled) {
            LOG.info("Desk lookups: {} by {}, cached for {}, answered within {}", properties.customer().object(),
                    properties.customer().userIdField(), properties.cache().ttl(), properties.timeout());
        } else {
            LOG.info("Desk lookups are off (CRM dry-run): Desk callbacks get the no-assignment answer");
        }
    }

    /** The lookup when it is known without asking the CRM; null when the CRM must be asked. */
    public DeskLookup known(@ExchangeProperty(CALLBACK) DeskCallback callback) {
        if (!crmEnabled) {
            return DeskLookup.NOT_FOUND;
        }
        String userId = callback.clientUserId();
        if (userId == null || userId.isBlank()) {
            LOG.debug("Desk {} of session {} names no user: no lookup", callback.command().vendorName(),
                    callback.sessionId());
            return DeskLookup.NOT_FOUND;
        }
        if (!SalesforceQueries.quotable(userId)) {
            LOG.warn("Desk {} of session {}: user id of {} characters with control characters or longer than {}: "
                    + "not looked up", callback.command().vendorName(), callback.sessionId(), userId.length(),
                    SalesforceQueries.MAX_LITERAL_LENGTH);
            return DeskLookup.NOT_FOUND;
        }
        return cache.getIfPresent(userId);
    }

    /** The SOQL that finds the callback's user; the user id is a quoted literal. */
    public String soql(@ExchangeProperty(CALLBACK) DeskCallback callback) {
        return query.forUser(callback.clientUserId());
    }

    /** Reads the Salesforce query answer and remembers it, a match or not. */
    public DeskLookup remember(@ExchangeProperty(CALLBACK) DeskCallback callback, @Body String queryResult) {
        DeskLookup lookup;
        try {
            lookup = SalesforceRecords.first(objectMapper.readTree(queryResult), query.fields())
                    .<DeskLookup>map(DeskLookup.Found::new)
                    .orElse(DeskLookup.NOT_FOUND);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Salesforce answered a query with something other than JSON", e);
        }
        cache.put(callback.clientUserId(), lookup);
        if (circuitOpen.compareAndSet(true, false)) {
            LOG.info("Desk lookups: the CRM answers again");
        }
        return lookup;
    }

    /** The CRM did not answer in time, failed, or is not called for a while: nothing is cached. */
    public DeskLookup unavailable(@ExchangeProperty(CALLBACK) DeskCallback callback,
                                  @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable cause,
                                  @ExchangeProperty(Exchange.CIRCUIT_BREAKER_STATE) String circuit) {
        boolean open = "OPEN".equals(circuit);
        if (cause != null || !open) {
            LOG.warn("Desk {} of session {}: fallback answer, CRM lookup {}", callback.command().vendorName(),
                    callback.sessionId(), cause == null ? "took longer than " + lookupTimeoutMillis + " ms"
                            : "failed: " + cause);
        }
        if (open && circuitOpen.compareAndSet(false, true)) {
            LOG.warn("Desk lookups: the CRM failed or was too slow too often; it is not called for {}, "
                    + "callbacks get the fallback answer at once", openFor);
        } else if (open) {
            LOG.debug("Desk {} of session {}: fallback answer, the CRM is not called for a while (circuit open)",
                    callback.command().vendorName(), callback.sessionId());
        }
        return DeskLookup.UNAVAILABLE;
    }

    /** Forgets every remembered user. */
    public void forgetAll() {
        cache.invalidateAll();
    }
}
