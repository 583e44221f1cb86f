package dev.tcccbridge.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tcccbridge.tccc.Cdr;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.camel.Body;
import org.apache.camel.Variable;

/**
 * A lookup made for a whole batch of calls (an agent's user, a caller's customer): the keys of the
 * batch that are not cached are asked of Salesforce in as few requests as its limits allow, and
 * every answer, "none" included, is cached ({@code bridge.crm.cache.*}). The route loops:
 * {@link #pending} → {@link #next} (the request) → the {@code salesforce:} endpoint →
 * {@link #remember} (its answer). An answer cut short (Salesforce's result limits) leaves the keys
 * it may have missed to smaller requests. In dry-run nothing is asked and nothing is found.
 *
 * <p>The cache is Caffeine's, one per lookup, with its metrics ({@code cache_gets_total{cache=...}}).
 *
 * @param <V> what a key finds
 */
public abstract class BatchLookup<V> {

    /** The exchange variable holding the {@link CdrBatch} the route works on. */
    public static final String BATCH = "cdrBatch";

    private final Cache<String, Optional<V>> cache;
    private final CrmMode mode;
    private final ObjectMapper objectMapper;

    protected BatchLookup(String name, CrmMode mode, CrmProperties.Cache settings, ObjectMapper objectMapper,
                          MeterRegistry metrics) {
        this.mode = mode;
        this.objectMapper = objectMapper;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(settings.ttl())
                .maximumSize(settings.maxSize())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(metrics, cache, name);
    }

    /** The key a call is looked up by (normalised); null: the call has none (nothing to look up). */
    abstract String key(Cdr cdr);

    /** This lookup's state in the batch. */
    abstract LookupState<V> state(CdrBatch batch);

    /** Most keys one request asks for. */
    abstract int maxKeys();

    /** The request (SOQL or SOSL) for these keys. */
    abstract String request(List<String> keys);

    /** Whether the request for these keys is within Salesforce's limits. */
    abstract boolean fits(List<String> keys);

    /**
     * The answer to the request for {@code asked}: what each key found (a key left out found nothing)
     * and the keys that may have been cut off by a result limit, to be asked again in smaller requests.
     */
    abstract Answer<V> read(JsonNode answer, List<String> asked);

    /** What one answer says. @param again keys to ask again, fewer at a time */
    record Answer<V>(Map<String, V> found, Set<String> again) {
    }

    /** In the route: whether keys of the batch are still to be asked of Salesforce. */
    public boolean pending(@Variable(BATCH) CdrBatch batch) {
        LookupState<V> state = state(batch);
        if (!state.started) {
            state.started = true;
            state.maxKeys = maxKeys();
            Set<String> keys = new LinkedHashSet<>();
            for (Cdr cdr : batch.calls()) {
                String key = key(cdr);
                if (key != null) {
                    state.keys.put(cdr.sessionId(), key);
                    keys.add(key);
                }
            }
            for (String key : keys) {
                // dry-run finds nothing, without asking
                Optional<V> cached = mode == CrmMode.DRY_RUN ? Optional.empty() : cache.getIfPresent(key);
                if (cached != null) {
                    state.found.put(key, cached);
                } else {
                    state.unasked.add(key);
                }
            }
        }
        return !state.unasked.isEmpty();
    }

    /** In the route: the request for the next keys, as many as one request takes. */
    public String next(@Variable(BATCH) CdrBatch batch) {
        LookupState<V> state = state(batch);
        List<String> unasked = new ArrayList<>(state.unasked);
        int count = SalesforceQueries.fitting(unasked, state.maxKeys, this::fits);
        state.asking = List.copyOf(unasked.subList(0, count));
        state.asking.forEach(key -> state.unasked.remove(key));
        return request(state.asking);
    }

    /** In the route: Salesforce's answer to {@link #next}'s request, remembered and cached. */
    public void remember(@Body String answer, @Variable(BATCH) CdrBatch batch) {
        LookupState<V> state = state(batch);
        Answer<V> read = read(json(answer), state.asking);
        for (String key : state.asking) {
            if (read.again().contains(key) && state.asking.size() > 1) {
                state.unasked.add(key);
            } else {
                Optional<V> value = Optional.ofNullable(read.found().get(key));
                state.found.put(key, value);
                cache.put(key, value);
            }
        }
        if (!read.again().isEmpty()) {
            state.maxKeys = Math.max(1, state.asking.size() / 2);
        }
        state.asking = List.of();
    }

    /** One key on its own, cached like the batch's ({@code ask} sends the request, answering Salesforce's JSON). */
    Optional<V> one(String key, Function<String, JsonNode> ask) {
        if (mode == CrmMode.DRY_RUN || key == null) {
            return Optional.empty();
        }
        return cache.get(key, k -> Optional.ofNullable(read(ask.apply(request(List.of(k))), List.of(k)).found().get(k)));
    }

    private JsonNode json(String answer) {
        try {
            return answer == null || answer.isBlank() ? objectMapper.createObjectNode() : objectMapper.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Salesforce answered with something that is not JSON", e);
        }
    }
}
