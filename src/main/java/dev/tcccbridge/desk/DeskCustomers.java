package dev.tcccbridge.desk;

import dev.tcccbridge.crm.CrmProperties;
import dev.tcccbridge.crm.PhoneNumbers;
import dev.tcccbridge.crm.SalesforceQueries;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tcccbridge.crm.CrmMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final PhoneNumbers phoneNumbers;
    private final String objectName;
    private final String userIdField;
    private final List<String> matchVariables;
    private final boolean linkUserId;

    public DeskCustomers(DeskProperties properties, CrmMode crmMode, CrmProperties crm, ObjectMapper objectMapper,
                         MeterRegistry meterRegistry) {
        this.crmEnabled = crmMode == CrmMode.SALESFORCE;
        this.phoneNumbers = new PhoneNumbers(crm.phoneRegion());
        this.objectName = properties.customer().object();
        this.userIdField = properties.customer().userIdField();
        this.matchVariables = properties.customer().matchVariables();
        this.linkUserId = properties.linkUserId();
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
            LOG.info("Desk lookups: {} by {}{}, cached for {}, answered within {}", properties.customer().object(),
                    properties.customer().userIdField(), matchVariables.isEmpty() ? ""
                            : ", else by the bot's " + matchVariables + (linkUserId ? " (and linked)" : ""),
                    properties.cache().ttl(), properties.timeout());
        } else {
            LOG.info("Desk lookups are off (CRM dry-run): Desk callbacks get the no-assignment answer");
        }
    }

    /**
     * The lookup when it is known without asking the CRM; null when the CRM must be asked. A
     * user found before (by id, or by what the bot collected) is known; one known to have no
     * record is asked again only by a bot variable not tried yet.
     */
    public DeskLookup known(@ExchangeProperty(CALLBACK) DeskCallback callback) {
        if (!crmEnabled) {
            return DeskLookup.NOT_FOUND;
        }
        DeskLookup byUser = usableUserId(callback, true) ? cache.getIfPresent(userKey(callback)) : DeskLookup.NOT_FOUND;
        if (byUser instanceof DeskLookup.Found) {
            return byUser;
        }
        Optional<DeskMatch> match = match(callback);
        if (match.isEmpty()) {
            return byUser;
        }
        DeskLookup byMatch = cache.getIfPresent(match.get().key());
        if (byMatch instanceof DeskLookup.Found || (byMatch != null && byUser != null)) {
            return byMatch;
        }
        return null;
    }

    /** Whether the CRM is asked for the user id (not known already, and usable in a query). */
    public boolean askByUserId(@ExchangeProperty(CALLBACK) DeskCallback callback) {
        return usableUserId(callback) && cache.getIfPresent(userKey(callback)) == null;
    }

    /** The SOQL that finds the callback's user; the user id is a quoted literal. */
    public String soql(@ExchangeProperty(CALLBACK) DeskCallback callback) {
        return query.forUser(callback.clientUserId());
    }

    /** Reads the Salesforce query answer and remembers it, a match or not. */
    public DeskLookup remember(@ExchangeProperty(CALLBACK) DeskCallback callback, @Body String queryResult) {
        DeskLookup lookup = SalesforceRecords.first(json(queryResult), query.fields())
                .<DeskLookup>map(DeskLookup.Found::new)
                .orElse(DeskLookup.NOT_FOUND);
        cache.put(userKey(callback), lookup);
        answered();
        return lookup;
    }

    /** Whether the CRM is asked by what the bot collected: the user id found nothing, and a variable holds a number or an address. */
    public boolean askByMatch(@ExchangeProperty(CALLBACK) DeskCallback callback, @Body DeskLookup byUser) {
        return !(byUser instanceof DeskLookup.Found) && match(callback).isPresent();
    }

    /** The SOSL search by the bot's phone number or e-mail ({@code bridge.desk.customer.match-variables}). */
    public String matchSearch(@ExchangeProperty(CALLBACK) DeskCallback callback) {
        return query.forMatch(match(callback).orElseThrow());
    }

    /**
     * Reads the search answer: the first record (the most recently modified) whose phone or
     * e-mail field really is the value; remembered for the value and, when found, for the user.
     */
    public DeskLookup rememberMatch(@ExchangeProperty(CALLBACK) DeskCallback callback, @Body String searchResult) {
        DeskMatch match = match(callback).orElseThrow();
        List<String> fields = query.matchedIn(match);
        DeskLookup lookup = DeskLookup.NOT_FOUND;
        for (JsonNode record : json(searchResult).path("searchRecords")) {
            boolean same = fields.stream().map(field -> SalesforceRecords.text(SalesforceRecords.at(record, field)))
                    .anyMatch(value -> match.phone() != null ? phoneNumbers.sameNumber(value, match.phone())
                            : value != null && value.strip().equalsIgnoreCase(match.email()));
            if (same) {
                lookup = new DeskLookup.Found(SalesforceRecords.customer(record, query.matchFields()), true);
                break;
            }
        }
        // remembered as found by id: a later callback of the user links nothing again
        DeskLookup remembered = lookup instanceof DeskLookup.Found found ? new DeskLookup.Found(found.customer()) : lookup;
        cache.put(match.key(), remembered);
        if (lookup instanceof DeskLookup.Found found && usableUserId(callback)) {
            cache.put(userKey(callback), remembered);
            LOG.info("Desk {} of session {}: user found by {}: {} {}", callback.command().vendorName(),
                    callback.sessionId(), match, objectName, found.customer().id());
        }
        answered();
        return lookup;
    }

    /** No body yet (nothing asked, as when the user id is unusable and no variable matches): no record. */
    public DeskLookup orNotFound(@Body DeskLookup lookup) {
        return lookup == null ? DeskLookup.NOT_FOUND : lookup;
    }

    /**
     * Whether the user id is written onto the record found ({@code bridge.desk.link-user-id}): found
     * by a bot variable, its user id field empty, and the id fit for it.
     */
    public boolean linkNeeded(@ExchangeProperty(CALLBACK) DeskCallback callback, @Body DeskLookup lookup) {
        return linkUserId && lookup instanceof DeskLookup.Found found && found.byMatch()
                && usableUserId(callback) && found.customer().id() != null
                && isBlank(found.customer().field(userIdField));
    }

    /** The record's id, for the update ({@code sObjectId}). */
    public String linkRecordId(@Body DeskLookup lookup) {
        return ((DeskLookup.Found) lookup).customer().id();
    }

    /** The update's body: the user id in {@code bridge.desk.customer.user-id-field}. */
    public String linkFields(@ExchangeProperty(CALLBACK) DeskCallback callback) {
        try {
            return objectMapper.writeValueAsString(Map.of(userIdField, callback.clientUserId()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    private static boolean usableUserId(DeskCallback callback) {
        return usableUserId(callback, false);
    }

    /** Whether the user id can be looked up; {@code log}: say why not (once per callback). */
    private static boolean usableUserId(DeskCallback callback, boolean log) {
        String userId = callback.clientUserId();
        if (userId == null || userId.isBlank()) {
            if (log) {
                LOG.debug("Desk {} of session {} names no user", callback.command().vendorName(), callback.sessionId());
            }
            return false;
        }
        if (!SalesforceQueries.quotable(userId)) {
            if (!log) {
                return false;
            }
            LOG.warn("Desk {} of session {}: user id of {} characters with control characters or longer than {}: "
                    + "not looked up", callback.command().vendorName(), callback.sessionId(), userId.length(),
                    SalesforceQueries.MAX_LITERAL_LENGTH);
            return false;
        }
        return true;
    }

    private static String userKey(DeskCallback callback) {
        return "user:" + callback.clientUserId();
    }

    private Optional<DeskMatch> match(DeskCallback callback) {
        return matchVariables.isEmpty() ? Optional.empty()
                : DeskMatch.of(callback.variables(), matchVariables, phoneNumbers);
    }

    private JsonNode json(String answer) {
        try {
            return objectMapper.readTree(answer == null ? "{}" : answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Salesforce answered with something other than JSON", e);
        }
    }

    private void answered() {
        if (circuitOpen.compareAndSet(true, false)) {
            LOG.info("Desk lookups: the CRM answers again");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** Forgets every remembered user. */
    public void forgetAll() {
        cache.invalidateAll();
    }
}
