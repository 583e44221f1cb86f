package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.CdrJson;
import dev.tcccbridge.testing.SalesforceBridgeTest;
import dev.tcccbridge.testing.SalesforceDirectory;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A call placed from a record (click-to-dial) comes back with that record's id as the CDR's Uui: pushed to
 * the bridge, its Task is linked to the record in the Salesforce stub, which checks links as Salesforce does.
 */
class UuiLinksToSalesforceTest extends SalesforceBridgeTest {

    static final String ACCOUNT = "001000000000042AAA";
    static final String CONTACT_DIALLED = "003000000000042AAA";
    static final String CONTACT_BY_PHONE = "003000000000007AAA";
    static final String LEAD_BY_PHONE = "00Q000000000007EAA";

    @Test
    void aCallDialledFromAnAccountIsRelatedToItBesideTheContactWithTheNumber() {
        directory.search("18412347605", SalesforceDirectory.contact(CONTACT_BY_PHONE, "Zhang Wei", "Phone",
                "+86 184 1234 7605", "owner@example.com"));

        Map<String, Object> task = deliver(ACCOUNT);

        assertThat(task).containsEntry("WhatId", ACCOUNT).containsEntry("WhoId", CONTACT_BY_PHONE);
    }

    @Test
    void aCallDialledFromAContactIsThatContactsWhateverThePhoneFinds() {
        directory.search("18412347605", SalesforceDirectory.contact(CONTACT_BY_PHONE, "Zhang Wei", "Phone",
                "+86 184 1234 7605", "owner@example.com"));

        Map<String, Object> task = deliver(CONTACT_DIALLED);

        assertThat(task).containsEntry("WhoId", CONTACT_DIALLED).doesNotContainKey("WhatId");
    }

    @Test
    void aLeadFoundByPhoneGivesWayToTheRecordDialledFrom() {
        // another number: the bridge remembers who has a number (bridge.crm.cache)
        directory.search("13800138000", SalesforceDirectory.lead(LEAD_BY_PHONE, "Han Meimei", "+86 138 0013 8000"));

        Map<String, Object> task = deliver(ACCOUNT, "008613800138000");

        assertThat(task).containsEntry("WhatId", ACCOUNT).doesNotContainKey("WhoId");
    }

    @Test
    void aUuiThatIsNoRecordIdIsIgnoredAndTheCallIsStillDelivered() {
        directory.search("18412347605", SalesforceDirectory.contact(CONTACT_BY_PHONE, "Zhang Wei", "Phone",
                "+86 184 1234 7605", "owner@example.com"));

        assertThat(deliver("order-4711; priority=high")).containsEntry("WhoId", CONTACT_BY_PHONE)
                .doesNotContainKey("WhatId");
        assertThat(deliver("005000000000001AAA")).as("a User").containsEntry("WhoId", CONTACT_BY_PHONE)
                .doesNotContainKey("WhatId");
    }

    private Map<String, Object> deliver(String uui) {
        return deliver(uui, "008618412347605");
    }

    private Map<String, Object> deliver(String uui, String customer) {
        String session = UUID.randomUUID().toString();
        String cdr = CdrJson.sample().session(session).outboundTo(customer).set("Uui", uui).json();
        assertThat(bridge.push("cdr", "push-" + session, cdr).statusCode()).isEqualTo(200);
        bridge.awaitStatus("push-" + session, "DONE");
        return SALESFORCE.records().get("Task", session);
    }
}
