package dev.tcccbridge.crm;

import java.util.Optional;

/** Finds the CRM customer a phone number belongs to. */
public interface CustomerLookup {

    /**
     * @param number a number as TCCC writes it, e.g. {@code 0086184xxxx7605}
     * @return the matching Contact, else Lead; empty when none matches or the CRM is in dry-run
     */
    Optional<CrmCustomer> byPhone(String number);
}
