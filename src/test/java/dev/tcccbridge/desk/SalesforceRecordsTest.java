package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesforceRecordsTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void readsFieldsAndRelationshipPathsOfTheFirstRecordAsText() throws Exception {
        var result = json.readTree("""
                {"totalSize":2,"done":true,"records":[
                 {"attributes":{"type":"Contact"},"Id":"003A","Name":"Li Wei",
                  "Owner":{"attributes":{"type":"User"},"Email":"anna@example.com"},
                  "Account":{"Tier__c":"Gold","Desk_Group__c":6521.0,"Score__c":12.50,"VIP__c":true,"Notes__c":null},
                  "MailingAddress":{"city":"Shenzhen"}},
                 {"Id":"003B","Name":"Second"}]}""");

        DeskCustomer customer = SalesforceRecords.first(result, List.of("Name", "owner.email", "Account.Tier__c",
                "Account.Desk_Group__c", "Account.Score__c", "Account.VIP__c", "Account.Notes__c", "MailingAddress",
                "Missing__c", "Name.Deeper")).orElseThrow();

        assertThat(customer.id()).isEqualTo("003A");
        assertThat(customer.fields()).containsOnly(
                java.util.Map.entry("Name", "Li Wei"),
                java.util.Map.entry("owner.email", "anna@example.com"),
                java.util.Map.entry("Account.Tier__c", "Gold"),
                java.util.Map.entry("Account.Desk_Group__c", "6521"),
                java.util.Map.entry("Account.Score__c", "12.5"),
                java.util.Map.entry("Account.VIP__c", "true"),
                java.util.Map.entry("MailingAddress", "{\"city\":\"Shenzhen\"}"));
    }

    @Test
    void noRecordsIsNoCustomer() throws Exception {
        assertThat(SalesforceRecords.first(json.readTree("{\"totalSize\":0,\"done\":true,\"records\":[]}"),
                List.of("Name"))).isEmpty();
    }

    @Test
    void somethingOtherThanAQueryResultIsAnError() throws Exception {
        assertThatThrownBy(() -> SalesforceRecords.first(json.readTree("[{\"errorCode\":\"X\"}]"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
