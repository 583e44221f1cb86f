package dev.tcccbridge.crm;

import static dev.tcccbridge.crm.SalesforceQueries.phrase;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the Contact, else the Lead, a phone number belongs to, the way CTI adapters do: one
 * SOSL search in the phone fields for the number in its national and international forms, then
 * only records with a phone field that really is the number (its digits end with the national
 * number and any prefix is the country code) are kept.
 *
 * <p>Several matches: a Contact wins over a Lead (converted Leads are not searched); among
 * several of one kind, the most recently modified (Salesforce sorts them); the others are
 * logged. Answers, also "no match", are cached.
 */
@Component
public class SalesforceCustomerLookup implements CustomerLookup {

    static final List<String> CONTACT_PHONES = List.of("Phone", "MobilePhone", "HomePhone", "OtherPhone",
            "AssistantPhone");
    static final List<String> LEAD_PHONES = List.of("Phone", "MobilePhone");

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceCustomerLookup.class);

    private final SalesforceReads salesforce;
    private final CrmMode mode;
    private final PhoneNumbers phoneNumbers;
    private final Cache<String, Optional<CrmCustomer>> cache;

    public SalesforceCustomerLookup(SalesforceReads salesforce, CrmMode mode, CrmProperties properties) {
        this.salesforce = salesforce;
        this.mode = mode;
        this.phoneNumbers = new PhoneNumbers(properties.phoneRegion());
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.cache().ttl())
                .maximumSize(properties.cache().maxSize())
                .build();
    }

    @Override
    public Optional<CrmCustomer> byPhone(String number) {
        if (mode == CrmMode.DRY_RUN) {
            return Optional.empty();
        }
        Optional<PhoneNumber> parsed = phoneNumbers.parse(number);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        return cache.get(PhoneNumbers.e164(parsed.get()), key -> find(parsed.get()));
    }

    /** The SOSL search for a number, its values escaped. */
    static String search(String nationalNumber, String e164) {
        return "FIND {" + phrase(nationalNumber) + " OR " + phrase(e164) + "} IN PHONE FIELDS RETURNING"
                + " Contact(Id, Name, OwnerId, Owner.Email, " + String.join(", ", CONTACT_PHONES)
                + " ORDER BY LastModifiedDate DESC LIMIT 20),"
                + " Lead(Id, Name, OwnerId, Owner.Email, " + String.join(", ", LEAD_PHONES)
                + " WHERE IsConverted = false ORDER BY LastModifiedDate DESC LIMIT 20)";
    }

    private Optional<CrmCustomer> find(PhoneNumber number) {
        String national = PhoneNumbers.nationalNumber(number);
        String e164 = PhoneNumbers.e164(number);
        List<JsonNode> matches = new ArrayList<>();
        for (JsonNode record : salesforce.search(search(national, e164))) {
            if (phoneFields(type(record)).stream().anyMatch(
                    field -> phoneNumbers.sameNumber(record.path(field).asText(null), number))) {
                matches.add(record);
            }
        }
        // Contacts first; within a kind Salesforce's order (most recently modified first) stands
        matches.sort(Comparator.comparingInt(record -> "Contact".equals(type(record)) ? 0 : 1));
        if (matches.size() > 1) {
            LOG.info("{} CRM records have the number {}; taking {} {}", matches.size(), e164,
                    type(matches.get(0)), matches.get(0).path("Id").asText());
        }
        return matches.stream().findFirst().map(this::customer);
    }

    private CrmCustomer customer(JsonNode record) {
        String id = record.path("Id").asText();
        return new CrmCustomer(id, type(record), record.path("Name").asText(null),
                record.path("OwnerId").asText(null), record.path("Owner").path("Email").asText(null),
                salesforce.recordUrl(id));
    }

    private static String type(JsonNode record) {
        return record.path("attributes").path("type").asText("");
    }

    private static List<String> phoneFields(String type) {
        return switch (type) {
            case "Contact" -> CONTACT_PHONES;
            case "Lead" -> LEAD_PHONES;
            default -> List.of();
        };
    }
}
