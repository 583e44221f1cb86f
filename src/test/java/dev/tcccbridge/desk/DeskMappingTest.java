package dev.tcccbridge.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeskMappingTest {

    static final DeskCustomer CUSTOMER = new DeskCustomer("003000000000001AAA", Map.of(
            "Owner.Email", "anna.agent@example.com",
            "Account.Owner.Email", "bob.lead@example.com",
            "Account.Tier__c", "Gold",
            "Account.Desk_Group__c", "6521",
            "Name", "Li Wei"));

    @Test
    void assignsTheAgentsInTheConfiguredOrderEachOnceAndTheMappedGroup() {
        DeskMapping mapping = new DeskMapping(new DeskProperties.Assignment(
                List.of("Owner.Email", "Account.Owner.Email", "Owner.Email", "Missing__c"),
                "Account.Tier__c", Map.of("Gold", 6521L, "Silver", 6522L), 7000L), Map.of());

        DeskAnswer answer = mapping.answer(DeskCommand.ASSIGN_HUMAN, new DeskLookup.Found(CUSTOMER));

        assertThat(answer).isEqualTo(new DeskAnswer("OK", 0, "", 6521L,
                List.of("anna.agent@example.com", "bob.lead@example.com"), null));
    }

    @Test
    void withoutMappingTheGroupFieldHoldsTheGroupId() {
        DeskMapping mapping = new DeskMapping(new DeskProperties.Assignment(
                List.of("Owner.Email"), "Account.Desk_Group__c", Map.of(), null), Map.of());

        assertThat(mapping.groupId(CUSTOMER)).isEqualTo(6521L);
    }

    @Test
    void anUnmappedOrNonNumericGroupFallsBackToTheDefaultGroup() {
        DeskMapping mapped = new DeskMapping(new DeskProperties.Assignment(
                List.of(), "Account.Tier__c", Map.of("Silver", 6522L), 7000L), Map.of());
        DeskMapping numeric = new DeskMapping(new DeskProperties.Assignment(
                List.of(), "Name", Map.of(), null), Map.of());

        assertThat(mapped.groupId(CUSTOMER)).isEqualTo(7000L);
        assertThat(numeric.groupId(CUSTOMER)).isNull();
    }

    @Test
    void noRecordOrNoCrmGetsOnlyTheDefaultGroup() {
        DeskMapping withDefault = new DeskMapping(new DeskProperties.Assignment(
                List.of("Owner.Email"), null, Map.of(), 7000L), Map.of());
        DeskMapping withoutDefault = new DeskMapping(new DeskProperties.Assignment(
                List.of("Owner.Email"), null, Map.of(), null), Map.of());

        assertThat(withDefault.answer(DeskCommand.ASSIGN_HUMAN, DeskLookup.NOT_FOUND))
                .isEqualTo(new DeskAnswer("OK", 0, "", 7000L, null, null));
        assertThat(withDefault.answer(DeskCommand.ASSIGN_HUMAN, DeskLookup.UNAVAILABLE))
                .isEqualTo(new DeskAnswer("OK", 0, "", 7000L, null, null));
        assertThat(withoutDefault.answer(DeskCommand.ASSIGN_HUMAN, DeskLookup.NOT_FOUND))
                .isEqualTo(new DeskAnswer("OK", 0, "", null, null, null));
    }

    @Test
    void variablesAreTheConfiguredFieldsTheRecordHasAValueFor() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("customerName", "Name");
        variables.put("accountTier", "Account.Tier__c");
        variables.put("vip", "VIP__c");
        DeskMapping mapping = new DeskMapping(new DeskProperties.Assignment(List.of(), null, Map.of(), 7000L),
                variables);

        assertThat(mapping.answer(DeskCommand.INTERFACE_INVOCATION, new DeskLookup.Found(CUSTOMER)).body())
                .containsExactly(Map.entry("customerName", "Li Wei"), Map.entry("accountTier", "Gold"));
        assertThat(mapping.answer(DeskCommand.INTERFACE_INVOCATION, DeskLookup.NOT_FOUND))
                .isEqualTo(new DeskAnswer("OK", 0, "", null, null, Map.of()));
    }
}
