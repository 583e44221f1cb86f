package dev.tcccbridge.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.tccc.Cdr;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The owner lookup of a CDR batch: the Salesforce users of the agents (SeatUser.Mail), found by
 * e-mail for the whole batch in one SOQL query per up to 100 addresses
 * ({@code SELECT Id, Email FROM User WHERE IsActive = true AND Email IN (...)}). Several active
 * users with one e-mail (sandbox copies, say): the one who logged in last. An address no SOQL
 * literal can hold belongs to nobody and is not asked.
 */
@Component
public class OwnerLookup extends BatchLookup<String> {

    static final int MAX_EMAILS = 100;

    public OwnerLookup(CrmMode mode, CrmProperties properties, ObjectMapper objectMapper, MeterRegistry metrics) {
        super("crm-owners", mode, properties.cache(), objectMapper, metrics);
    }

    @Override
    String key(Cdr cdr) {
        String email = cdr.seatUser() == null ? null : cdr.seatUser().mail();
        if (email == null || email.isBlank() || !SalesforceQueries.quotable(email.strip())) {
            return null;
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    LookupState<String> state(CdrBatch batch) {
        return batch.owners;
    }

    @Override
    int maxKeys() {
        return MAX_EMAILS;
    }

    @Override
    String request(List<String> emails) {
        return "SELECT Id, Email FROM User WHERE IsActive = true AND Email IN " + SalesforceQueries.inList(emails)
                + " ORDER BY LastLoginDate DESC NULLS LAST";
    }

    @Override
    boolean fits(List<String> emails) {
        return SalesforceQueries.fitsInUri(request(emails));
    }

    @Override
    Answer<String> read(JsonNode answer, List<String> asked) {
        Map<String, String> found = new HashMap<>();
        for (JsonNode user : answer.path("records")) {
            String email = user.path("Email").asText("").toLowerCase(Locale.ROOT);
            // the most recent login comes first
            found.putIfAbsent(email, user.path("Id").asText());
        }
        // a first page only (2,000 users for 100 addresses): the addresses it lacks are asked again
        Set<String> again = answer.path("done").asBoolean(true) ? Set.of()
                : Set.copyOf(asked.stream().filter(email -> !found.containsKey(email)).toList());
        return new Answer<>(found, again);
    }
}
