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

    static DeskProperties properties(DeskProperties.Customer customer, DeskProperties.Assignment assignment,
                                     Map<String, String> variables) {
        return new DeskProperties("/desk/callback", 1L, null, true, Duration.ofSeconds(60), Duration.ofMillis(1500), 16, org.springframework.util.unit.DataSize.ofKilobytes(256),
                customer, assignment, variables, new DeskProperties.Cache(Duration.ofMinutes(5), 100),
                new DeskProperties.CircuitBreaker(50, 5, 10, Duration.ofSeconds(30)));
    }
}
