package dev.tcccbridge.mail;

import dev.tcccbridge.crm.PhoneNumbers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerNumberTest {

    @Test
    void numberWithTheInternationalCallPrefixIsReadAsInternational() {
        CallerNumber number = CallerNumber.of("008618486147605", new PhoneNumbers("CN"));

        assertThat(number.international()).isEqualTo("+86 184 8614 7605");
        assertThat(number.national()).isEqualTo("184 8614 7605");
        assertThat(number.e164()).isEqualTo("+8618486147605");
        assertThat(number.valid()).isTrue();
    }

    @Test
    void numberWithoutCountryCodeIsReadInTheDefaultRegion() {
        assertThat(CallerNumber.of("13123456789", new PhoneNumbers("CN")).international()).isEqualTo("+86 131 2345 6789");
        assertThat(CallerNumber.of("2025550123", new PhoneNumbers("US")).international()).isEqualTo("+1 202-555-0123");
    }

    @Test
    void numberWithPlusIsReadWhateverTheDefaultRegion() {
        assertThat(CallerNumber.of("+4930123456", new PhoneNumbers("CN")).international()).isEqualTo("+49 30 123456");
    }

    @Test
    void textThatIsNotANumberIsShownAsSent() {
        CallerNumber caller = CallerNumber.of("lululing@tencent.com", new PhoneNumbers("CN"));

        assertThat(caller.international()).isEqualTo("lululing@tencent.com");
        assertThat(caller.valid()).isFalse();
    }

    @Test
    void missingNumberIsShownAsUnknown() {
        assertThat(CallerNumber.of(null, new PhoneNumbers("CN")).international()).isEqualTo("unknown number");
        assertThat(CallerNumber.of("  ", new PhoneNumbers("CN")).valid()).isFalse();
    }
}
