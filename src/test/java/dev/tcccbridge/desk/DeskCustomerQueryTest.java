package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeskCustomerQueryTest {

    @Test
    void selectsEveryFieldTheAnswersNeedOnceAndQuotesTheUserId() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("customerName", "Name");
        variables.put("ownerEmail", "Owner.Email");
        DeskCustomerQuery query = new DeskCustomerQuery(properties(
                new DeskProperties.Customer("Contact", "TCCC_Desk_User_Id__c", null),
                new DeskProperties.Assignment(List.of("Owner.Email"), "Account.Tier__c", Map.of(), null), variables));

        assertThat(query.forUser("x' OR Name != '")).isEqualTo("SELECT Id, Owner.Email, Account.Tier__c, Name"
                + " FROM Contact WHERE TCCC_Desk_User_Id__c = 'x\\' OR Name != \\''"
                + " ORDER BY LastModifiedDate DESC LIMIT 1");
    }

    @Test
    void theConfiguredObjectFieldAndConditionAreUsed() {
        DeskCustomerQuery query = new DeskCustomerQuery(properties(
                new DeskProperties.Customer("Lead", "Desk_Id__c", "IsConverted = false"),
                new DeskProperties.Assignment(List.of("Owner.Email"), null, Map.of(), null), Map.of()));

        assertThat(query.forUser("u1")).isEqualTo("SELECT Id, Owner.Email FROM Lead WHERE Desk_Id__c = 'u1'"
                + " AND (IsConverted = false) ORDER BY LastModifiedDate DESC LIMIT 1");
    }

    @Test
    void aPhoneNumberIsSearchedInItsFormsInThePhoneFieldsAndAnAddressInTheEmailFields() {
        DeskCustomerQuery query = new DeskCustomerQuery(properties(
                new DeskProperties.Customer("Contact", "TCCC_Desk_User_Id__c", "Account.IsDeleted = false",
                        List.of("phone"), List.of("Phone", "MobilePhone"), List.of("Email")),
                new DeskProperties.Assignment(List.of("Owner.Email"), null, Map.of(), null), Map.of()));
        dev.tcccbridge.crm.PhoneNumbers numbers = new dev.tcccbridge.crm.PhoneNumbers("CN");

        DeskMatch phone = DeskMatch.of(Map.of("phone", "0086 184-1234-7605"), List.of("phone"), numbers).orElseThrow();
        DeskMatch email = DeskMatch.of(Map.of("phone", "Li.Wei@Example.com"), List.of("phone"), numbers).orElseThrow();

        assertThat(query.forMatch(phone)).isEqualTo("FIND {\"18412347605\" OR \"\\+8618412347605\"} IN PHONE FIELDS"
                + " RETURNING Contact(Id, Owner.Email, TCCC_Desk_User_Id__c, Phone, MobilePhone"
                + " WHERE (Account.IsDeleted = false) ORDER BY LastModifiedDate DESC LIMIT 20)");
        assertThat(query.forMatch(email)).isEqualTo("FIND {\"li.wei@example.com\"} IN EMAIL FIELDS"
                + " RETURNING Contact(Id, Owner.Email, TCCC_Desk_User_Id__c, Email"
                + " WHERE (Account.IsDeleted = false) ORDER BY LastModifiedDate DESC LIMIT 20)");
        assertThat(DeskMatch.of(Map.of("phone", "not a number", "email", "a@b"), List.of("phone", "email"), numbers))
                .isEmpty();
    }

    static DeskProperties properties(DeskProperties.Customer customer, DeskProperties.Assignment assignment,
                                     Map<String, String> variables) {
        return new DeskProperties("/desk/callback", 1L, null, true, Duration.ofSeconds(60), Duration.ofMillis(1500), 16, org.springframework.util.unit.DataSize.ofKilobytes(256),
                customer, true, assignment, variables, new DeskProperties.Cache(Duration.ofMinutes(5), 100),
                new DeskProperties.CircuitBreaker(50, 5, 10, Duration.ofSeconds(30)));
    }
}
