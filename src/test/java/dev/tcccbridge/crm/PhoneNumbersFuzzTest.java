package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.tcccbridge.testing.Fuzz;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: any text where a phone number is expected (TCCC's 0086 numbers, trunk prefixes,
 * masked numbers, extensions, CRM formatting, random Unicode) is read as a well-formed E.164
 * number or as none; reading it never throws, its E.164 form reads back as itself, and the
 * number written as E.164 or with its trunk prefix in the CRM is recognised as the same number.
 */
class PhoneNumbersFuzzTest {

    static final List<String> REGIONS = List.of("CN", "US", "GB", "DE", "SG", "HK", "FR");

    static Stream<Long> seeds() {
        return Fuzz.seeds("phone-numbers", 1500);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aNumberIsReadAsE164OrNotAtAllAndReadsBackAsItself(long seed) {
        Fuzz.run(seed, this::check);
    }

    private void check(Fuzz fuzz) throws Exception {
        String region = fuzz.oneOf(REGIONS);
        PhoneNumbers numbers = new PhoneNumbers(region);
        String raw = fuzz.phoneNumber();

        Optional<PhoneNumber> parsed = numbers.parse(raw);
        assertThat(numbers.display(raw)).isNotNull();
        if (parsed.isEmpty()) {
            assertThat(numbers.e164(raw)).isEmpty();
            return;
        }
        String e164 = PhoneNumbers.e164(parsed.get());
        assertThat(e164).as("E.164 of %s", raw).matches("\\+[1-9][0-9]{1,14}");
        assertThat(numbers.e164(e164)).as("E.164 of %s read again", raw).contains(e164);
        assertThat(numbers.sameNumber(e164, parsed.get())).as("%s written as %s", raw, e164)
                .isEqualTo(PhoneNumbers.nationalNumber(parsed.get()).length() >= PhoneNumbers.MIN_MATCH_DIGITS);
        String trunk = "0" + PhoneNumbers.nationalNumber(parsed.get());
        assertThat(numbers.sameNumber(trunk, parsed.get()) || trunk.length() - 1 < PhoneNumbers.MIN_MATCH_DIGITS)
                .as("%s written with a trunk prefix as %s", raw, trunk).isTrue();
        assertThat(numbers.sameNumber(fuzz.unicode(20), parsed.get())).isIn(true, false);
    }
}
