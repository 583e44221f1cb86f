package dev.tcccbridge.crm;

import dev.tcccbridge.tccc.Cdr;
import java.util.Optional;

/**
 * A call with the CRM records it concerns.
 *
 * @param cdr      the call record
 * @param ownerId  the Salesforce user who owns the activity; empty: the integration user
 * @param customer the Contact or Lead whose number it is
 */
public record CallParties(Cdr cdr, Optional<String> ownerId, Optional<CrmCustomer> customer) {
}
