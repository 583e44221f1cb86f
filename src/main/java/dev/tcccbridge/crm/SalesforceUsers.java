package dev.tcccbridge.crm;

import static dev.tcccbridge.crm.SalesforceQueries.literal;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The Salesforce user of an agent, found by e-mail; answers (also "none") are cached.
 * Several active users with one e-mail (sandbox copies, say): the one who logged in last.
 */
@Component
public class SalesforceUsers {

    private final SalesforceReads salesforce;
    private final CrmMode mode;
    private final Cache<String, Optional<String>> cache;

    public SalesforceUsers(SalesforceReads salesforce, CrmMode mode, CrmProperties properties) {
        this.salesforce = salesforce;
        this.mode = mode;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.cache().ttl())
                .maximumSize(properties.cache().maxSize())
                .build();
    }

    /** The active user whose Email is {@code email}; empty in dry-run. */
    public Optional<String> idByEmail(String email) {
        if (mode == CrmMode.DRY_RUN || email == null || email.isBlank()) {
            return Optional.empty();
        }
        String key = email.strip().toLowerCase(Locale.ROOT);
        return cache.get(key, this::find);
    }

    private Optional<String> find(String email) {
        if (!SalesforceQueries.quotable(email)) {
            return Optional.empty(); // no user has an address no SOQL literal can hold
        }
        JsonNode records = salesforce.query("SELECT Id FROM User WHERE IsActive = true AND Email = " + literal(email)
                + " ORDER BY LastLoginDate DESC NULLS LAST LIMIT 1");
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(0).path("Id").asText());
    }
}
