package dev.tcccbridge.crm;

import static dev.tcccbridge.crm.SalesforceQueries.phrase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.tcccbridge.tccc.Cdr;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Finds the Contact, else the Lead, a phone number belongs to, the way CTI adapters do: a SOSL
 * search in the phone fields for the number in its national and international forms, then only
 * records with a phone field that really is the number (its digits end with the national number
 * and any prefix is the country code) are kept.
 *
 * <p>For a CDR batch (the customer lookup of {@code direct:deliver-cdr-batch}) the numbers not
 * cached are OR-ed into as few searches as Salesforce allows: a search text of at most 4,000
 * characters (beyond it Salesforce drops the operators) in a URI it accepts, and 20 records per
 * number and object, 1,000 at most each (2,000 in all is SOSL's limit). When an object's list comes
 * back full, the numbers it may have cut off are searched again in smaller groups.
 *
 * <p>Several matches: a Contact wins over a Lead (converted Leads are not searched); among
 * several of one kind, the most recently modified (Salesforce sorts them); the others are
 * logged. Answers, also "no match", are cached. Voicemails look one number up on its own
 * ({@link #byPhone}).
 */
@Component
public class SalesforceCustomerLookup extends BatchLookup<CrmCustomer> implements CustomerLookup {

    static final List<String> CONTACT_PHONES = List.of("Phone", "MobilePhone", "HomePhone", "OtherPhone",
            "AssistantPhone");
    static final List<String> LEAD_PHONES = List.of("Phone", "MobilePhone");
    static final int MAX_SEARCH_TEXT = 4000;
    static final int RECORDS_PER_NUMBER = 20;
    static final int MAX_RECORDS_PER_OBJECT = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(SalesforceCustomerLookup.class);

    private final SalesforceReads salesforce;
    private final PhoneNumbers phoneNumbers;

    public SalesforceCustomerLookup(SalesforceReads salesforce, CrmMode mode, CrmProperties properties,
                                    ObjectMapper objectMapper, MeterRegistry metrics) {
        super("crm-customers", mode, properties.cache(), objectMapper, metrics);
        this.salesforce = salesforce;
        this.phoneNumbers = new PhoneNumbers(properties.phoneRegion());
    }

    @Override
    public Optional<CrmCustomer> byPhone(String number) {
        return one(number(number), salesforce::search);
    }

    /** The key of a number: its E.164 form; null when it cannot be read (masked, say). */
    String number(String raw) {
        return phoneNumbers.parse(raw).map(PhoneNumbers::e164).orElse(null);
    }

    @Override
    String key(Cdr cdr) {
        return number(cdr.customerNumber());
    }

    @Override
    LookupState<CrmCustomer> state(CdrBatch batch) {
        return batch.customers;
    }

    @Override
    int maxKeys() {
        return MAX_RECORDS_PER_OBJECT / RECORDS_PER_NUMBER;
    }

    /** The SOSL search for numbers (E.164), each in its national and international forms, escaped. */
    @Override
    String request(List<String> numbers) {
        int limit = Math.min(MAX_RECORDS_PER_OBJECT, RECORDS_PER_NUMBER * numbers.size());
        return "FIND {" + searchText(numbers) + "} IN PHONE FIELDS RETURNING"
                + " Contact(Id, Name, OwnerId, Owner.Email, " + String.join(", ", CONTACT_PHONES)
                + " ORDER BY LastModifiedDate DESC LIMIT " + limit + "),"
                + " Lead(Id, Name, OwnerId, Owner.Email, " + String.join(", ", LEAD_PHONES)
                + " WHERE IsConverted = false ORDER BY LastModifiedDate DESC LIMIT " + limit + ")";
    }

    private String searchText(List<String> numbers) {
        return numbers.stream().map(this::parsed)
                .map(n -> phrase(PhoneNumbers.nationalNumber(n)) + " OR " + phrase(PhoneNumbers.e164(n)))
                .collect(Collectors.joining(" OR "));
    }

    @Override
    boolean fits(List<String> numbers) {
        return searchText(numbers).length() <= MAX_SEARCH_TEXT && SalesforceQueries.fitsInUri(request(numbers));
    }

    @Override
    Answer<CrmCustomer> read(JsonNode answer, List<String> asked) {
        JsonNode records = answer.path("searchRecords");
        Map<String, List<JsonNode>> matches = new LinkedHashMap<>();
        Map<String, Integer> perObject = new HashMap<>();
        Map<String, PhoneNumber> parsed = new LinkedHashMap<>();
        asked.forEach(number -> parsed.put(number, parsed(number)));
        for (JsonNode record : records) {
            perObject.merge(type(record), 1, Integer::sum);
            for (Map.Entry<String, PhoneNumber> number : parsed.entrySet()) {
                if (phoneFields(type(record)).stream().anyMatch(
                        field -> phoneNumbers.sameNumber(record.path(field).asText(null), number.getValue()))) {
                    matches.computeIfAbsent(number.getKey(), n -> new ArrayList<>()).add(record);
                }
            }
        }
        int limit = Math.min(MAX_RECORDS_PER_OBJECT, RECORDS_PER_NUMBER * asked.size());
        boolean contactsCut = perObject.getOrDefault("Contact", 0) >= limit;
        boolean leadsCut = perObject.getOrDefault("Lead", 0) >= limit;
        Map<String, CrmCustomer> found = new HashMap<>();
        Set<String> again = new HashSet<>();
        for (String number : asked) {
            List<JsonNode> ofNumber = matches.getOrDefault(number, List.of());
            boolean hasContact = ofNumber.stream().anyMatch(r -> "Contact".equals(type(r)));
            // a full list may have left out this number's Contact (or, with none, its Lead)
            if ((contactsCut && !hasContact) || (leadsCut && ofNumber.isEmpty())) {
                again.add(number);
            }
            best(number, ofNumber).ifPresent(customer -> found.put(number, customer));
        }
        return new Answer<>(found, again);
    }

    private Optional<CrmCustomer> best(String number, List<JsonNode> ofNumber) {
        List<JsonNode> sorted = new ArrayList<>(ofNumber);
        // Contacts first; within a kind Salesforce's order (most recently modified first) stands
        sorted.sort(Comparator.comparingInt(record -> "Contact".equals(type(record)) ? 0 : 1));
        if (sorted.size() > 1) {
            LOG.info("{} CRM records have the number {}; taking {} {}", sorted.size(), number,
                    type(sorted.get(0)), sorted.get(0).path("Id").asText());
        }
        return sorted.stream().findFirst().map(this::customer);
    }

    private PhoneNumber parsed(String e164) {
        return phoneNumbers.parse(e164).orElseThrow(() -> new IllegalArgumentException("not a number: " + e164));
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
