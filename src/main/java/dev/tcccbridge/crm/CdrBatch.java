package dev.tcccbridge.crm;

import dev.tcccbridge.tccc.Cdr;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CDRs delivered together (routes/crm-salesforce.camel.yaml, {@code direct:deliver-cdr-batch}),
 * one per call session, and what the batch's lookups found for them. A session that came twice
 * (pushed again under another push id, or pushed and reconciled) is written once, from its
 * latest CDR: sObject Collections refuse one external id twice in a request.
 */
public final class CdrBatch {

    private final Map<String, Cdr> bySession = new LinkedHashMap<>();
    final LookupState<String> owners = new LookupState<>();
    final LookupState<CrmCustomer> customers = new LookupState<>();

    /** @param cdrs in the order they arrived: of two with one SessionId, the later counts */
    public CdrBatch(List<Cdr> cdrs) {
        for (Cdr cdr : cdrs) {
            bySession.remove(cdr.sessionId());
            bySession.put(cdr.sessionId(), cdr);
        }
    }

    /** One CDR per session. */
    public Collection<Cdr> calls() {
        return bySession.values();
    }

    /** The agent's Salesforce user, as the owner lookup found it. */
    public Optional<String> owner(Cdr cdr) {
        return owners.forSession(cdr.sessionId());
    }

    /** The caller's Contact or Lead, as the customer lookup found it. */
    public Optional<CrmCustomer> customer(Cdr cdr) {
        return customers.forSession(cdr.sessionId());
    }

    public int size() {
        return bySession.size();
    }
}
