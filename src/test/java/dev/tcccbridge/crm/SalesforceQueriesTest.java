package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceQueriesTest {

    @Test
    void soqlLiteralsCannotBeEnded() {
        assertThat(SalesforceQueries.literal("o'brien@example.com")).isEqualTo("'o\\'brien@example.com'");
        assertThat(SalesforceQueries.literal("a\\' OR Id != null")).isEqualTo("'a\\\\\\' OR Id != null'");
        assertThat(SalesforceQueries.literal("line\nbreak")).isEqualTo("'line\\nbreak'");
    }

    @Test
    void soslPhrasesEscapeEveryReservedCharacter() {
        assertThat(SalesforceQueries.phrase("+8618412347605")).isEqualTo("\"\\+8618412347605\"");
        assertThat(SalesforceQueries.phrase("a} OR {b\"")).isEqualTo("\"a\\} OR \\{b\\\"\"");
    }

    @Test
    void customerSearchLooksInPhoneFieldsForBothForms() {
        assertThat(SalesforceCustomerLookup.search("18412347605", "+8618412347605"))
                .startsWith("FIND {\"18412347605\" OR \"\\+8618412347605\"} IN PHONE FIELDS RETURNING Contact(")
                .contains("Lead(Id, Name, OwnerId, Owner.Email, Phone, MobilePhone WHERE IsConverted = false");
    }
}
