package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskLinksTest {

    static final Optional<CrmCustomer> CONTACT_BY_PHONE =
            Optional.of(new CrmCustomer("003000000000009AAA", "Contact", "Li Lei", null, null, null));
    static final Optional<CrmCustomer> LEAD_BY_PHONE =
            Optional.of(new CrmCustomer("00Q000000000009AAA", "Lead", "Han Meimei", null, null, null));

    @Test
    void withoutUuiTheCustomerFoundByPhoneIsTheWho() {
        assertThat(TaskLinks.of("s", null, CONTACT_BY_PHONE)).isEqualTo(new TaskLinks("003000000000009AAA", null));
        assertThat(TaskLinks.of("s", "  ", Optional.empty())).isEqualTo(new TaskLinks(null, null));
    }

    @Test
    void aContactOrLeadDialledFromIsTheWhoEvenWhenThePhoneFindsAnother() {
        assertThat(TaskLinks.of("s", "003000000000001AAA", CONTACT_BY_PHONE))
                .isEqualTo(new TaskLinks("003000000000001AAA", null));
        assertThat(TaskLinks.of("s", "00Q000000000001EAA", Optional.empty()))
                .isEqualTo(new TaskLinks("00Q000000000001EAA", null));
    }

    @Test
    void anAccountCaseOrOpportunityDialledFromIsTheWhatBesideTheContactFoundByPhone() {
        assertThat(TaskLinks.of("s", "001000000000001AAA", CONTACT_BY_PHONE))
                .isEqualTo(new TaskLinks("003000000000009AAA", "001000000000001AAA"));
        assertThat(TaskLinks.of("s", "500000000000001AAA", Optional.empty()))
                .isEqualTo(new TaskLinks(null, "500000000000001AAA"));
        // a custom object's record, 15-character form
        assertThat(TaskLinks.of("s", "a0B5g00000XyZ12", Optional.empty()))
                .isEqualTo(new TaskLinks(null, "a0B5g00000XyZ12"));
    }

    @Test
    void aLeadFoundByPhoneGivesWayToTheRecordDialledFrom() {
        // Salesforce: a Task whose WhoId is a Lead cannot have a WhatId
        assertThat(TaskLinks.of("s", "006000000000001AAA", LEAD_BY_PHONE))
                .isEqualTo(new TaskLinks(null, "006000000000001AAA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "00100000000001", "001000000000001AA", "0010000000000001AAAA",
            "001000000000001AAB", "001-00000000001AAA", "001000000000001AAA; DROP", "{\"order\":42}",
            "005000000000001AAA", "00T000000000001AAA", "00G000000000001AAA"})
    void anythingElseIsIgnoredAndThePhoneMatchStands(String uui) {
        assertThat(TaskLinks.of("s", uui, CONTACT_BY_PHONE)).isEqualTo(new TaskLinks("003000000000009AAA", null));
    }

    @Test
    void theEighteenCharacterFormCarriesTheCaseOfTheFifteen() {
        // checksums as Salesforce computes them: uppercase letters set bits per block of five
        assertThat(TaskLinks.isRecordId("0015g00000AbCdEFGH")).isFalse();
        assertThat(TaskLinks.isRecordId("001000000000001AAA")).isTrue();
        assertThat(TaskLinks.isRecordId("001000000000001aaa")).as("the suffix in any case").isTrue();
        assertThat(TaskLinks.isRecordId("a0B5g00000XyZ12" + suffix("a0B5g00000XyZ12"))).isTrue();
        assertThat(TaskLinks.isRecordId("a0b5g00000XyZ12" + suffix("a0B5g00000XyZ12"))).isFalse();
    }

    /** The checksum suffix, computed independently of the code under test. */
    private static String suffix(String id15) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        StringBuilder out = new StringBuilder();
        for (int block = 0; block < 15; block += 5) {
            int value = 0;
            for (int i = 4; i >= 0; i--) {
                value = value * 2 + (Character.isUpperCase(id15.charAt(block + i)) ? 1 : 0);
            }
            out.append(alphabet.charAt(value));
        }
        return out.toString();
    }
}
