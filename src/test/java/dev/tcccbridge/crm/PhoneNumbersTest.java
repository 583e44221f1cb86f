package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhoneNumbersTest {

    final PhoneNumbers china = new PhoneNumbers("CN");

    @Test
    void tcccNumbersWithTheInternationalPrefixAreRead() {
        assertThat(china.e164("008618412347605")).contains("+8618412347605");
        assertThat(china.e164("0014155550100")).contains("+14155550100");
        assertThat(china.display("008618412347605")).isEqualTo("+86 184 1234 7605");
        assertThat(PhoneNumbers.nationalNumber(china.parse("0014155550100").orElseThrow())).isEqualTo("4155550100");
    }

    @Test
    void numbersWithoutCountryCodeAreReadInTheDefaultRegion() {
        assertThat(china.e164("18412347605")).contains("+8618412347605");
        assertThat(new PhoneNumbers("US").e164("(415) 555-0100")).contains("+14155550100");
    }

    @Test
    void maskedOrMissingNumbersAreNotNumbers() {
        assertThat(china.e164("0086184xxxx7605")).isEmpty();
        assertThat(china.display("0086184xxxx7605")).isEqualTo("0086184xxxx7605");
        assertThat(china.e164("")).isEmpty();
        assertThat(china.e164((String) null)).isEmpty();
        assertThat(china.e164("12")).isEmpty();
    }

    @Test
    void crmNumbersMatchWhateverTheirFormat() {
        var mobile = china.parse("008618412347605").orElseThrow();
        var us = china.parse("0014155550100").orElseThrow();

        assertThat(china.sameNumber("+86 184 1234 7605", mobile)).isTrue();
        assertThat(china.sameNumber("184-1234-7605", mobile)).isTrue();
        assertThat(china.sameNumber("0086 (184) 1234 7605", mobile)).isTrue();
        assertThat(china.sameNumber("(415) 555-0100", us)).isTrue();
        assertThat(china.sameNumber("+1 415 555 0100", us)).isTrue();
    }

    @Test
    void otherNumbersDoNotMatch() {
        var mobile = china.parse("008618412347605").orElseThrow();

        assertThat(china.sameNumber("+44 184 1234 7605", mobile)).isFalse();
        assertThat(china.sameNumber("1234 7605", mobile)).isFalse();
        assertThat(china.sameNumber("+86 184 1234 7606", mobile)).isFalse();
        assertThat(china.sameNumber(null, mobile)).isFalse();
    }
}
