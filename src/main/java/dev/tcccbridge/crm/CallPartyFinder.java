package dev.tcccbridge.crm;

import dev.tcccbridge.tccc.Cdr;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds who a call concerns in the CRM: the owner is the Salesforce user whose Email is the
 * agent's (SeatUser.Mail), else {@code bridge.crm.default-owner-id}, else nobody named (the
 * integration user); the customer is the Contact or Lead with the customer's number.
 */
@Component
public class CallPartyFinder {

    private final SalesforceUsers users;
    private final CustomerLookup customers;
    private final Optional<String> defaultOwnerId;

    public CallPartyFinder(SalesforceUsers users, CustomerLookup customers, CrmProperties properties) {
        this.users = users;
        this.customers = customers;
        this.defaultOwnerId = Optional.ofNullable(properties.defaultOwnerId()).filter(id -> !id.isBlank());
    }

    public CallParties find(Cdr cdr) {
        String agentEmail = cdr.seatUser() == null ? null : cdr.seatUser().mail();
        Optional<String> owner = users.idByEmail(agentEmail).or(() -> defaultOwnerId);
        return new CallParties(cdr, owner, customers.byPhone(cdr.customerNumber()));
    }
}
