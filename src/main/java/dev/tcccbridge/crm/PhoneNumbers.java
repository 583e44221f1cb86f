package dev.tcccbridge.crm;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Phone numbers as TCCC writes them ({@code 0086184xxxx7605}: the international prefix 00)
 * and as CRM users write them ({@code +86 184 1234 7605}, {@code (415) 555-0100}), read with
 * libphonenumber. A number without a country code is read in the configured default region.
 */
public class PhoneNumbers {

    /** Fewer digits than this are extensions or short codes, never matched by suffix. */
    static final int MIN_MATCH_DIGITS = 7;

    /** E.164: a + and at most 15 digits; libphonenumber allows some regions longer numbers. */
    static final int MAX_E164_LENGTH = 16;

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region of numbers written without a country code, e.g. CN */
    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    /** The number read as a phone number, when it is one. */
    public Optional<PhoneNumber> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String text = raw.strip();
        if (text.chars().anyMatch(Character::isLetter)) {
            // masked (0086184xxxx7605) or not a number at all: libphonenumber would read
            // letters as an extension or as keypad digits
            return Optional.empty();
        }
        if (text.startsWith("00")) {
            // TCCC writes the international prefix 00 whatever the region
            text = "+" + text.substring(2);
        }
        try {
            PhoneNumber number = UTIL.parse(text, defaultRegion);
            if (!UTIL.isPossibleNumber(number)) {
                return Optional.empty();
            }
            // read once more from E.164, so the number and its E.164 form read back alike (a
            // national prefix written as "+86 (0)0..." is otherwise kept as part of the number)
            PhoneNumber canonical = UTIL.parse(UTIL.format(number, PhoneNumberFormat.E164), defaultRegion);
            return UTIL.isPossibleNumber(canonical) && e164(canonical).length() <= MAX_E164_LENGTH
                    ? Optional.of(canonical) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** {@code +8618412347605}, when the number can be read. */
    public Optional<String> e164(String raw) {
        return parse(raw).map(PhoneNumbers::e164);
    }

    public static String e164(PhoneNumber number) {
        return UTIL.format(number, PhoneNumberFormat.E164);
    }

    /** {@code +86 184 1234 7605} */
    public static String international(PhoneNumber number) {
        return UTIL.format(number, PhoneNumberFormat.INTERNATIONAL);
    }

    /** {@code 184 1234 7605}, as dialled within the number's country. */
    public static String national(PhoneNumber number) {
        return UTIL.format(number, PhoneNumberFormat.NATIONAL);
    }

    /** For people: {@code +86 184 1234 7605}, else the number as written. */
    public String display(String raw) {
        return parse(raw).map(PhoneNumbers::international).orElse(raw == null ? "" : raw);
    }

    /** The national significant number, e.g. {@code 18412347605}: the digits every format keeps. */
    public static String nationalNumber(PhoneNumber number) {
        return UTIL.getNationalSignificantNumber(number);
    }

    /**
     * Whether a number as written in the CRM is {@code number}: its digits end with the
     * national significant number, whatever country code, prefix or punctuation it carries.
     */
    public boolean sameNumber(String crmNumber, PhoneNumber number) {
        if (crmNumber == null) {
            return false;
        }
        String national = nationalNumber(number);
        String digits = crmNumber.replaceAll("\\D", "");
        return national.length() >= MIN_MATCH_DIGITS && digits.endsWith(national)
                && countryCodeAgrees(digits, national, number.getCountryCode());
    }

    /** Digits written before the national number may only be a trunk 0 or the country code (after 00). */
    private static boolean countryCodeAgrees(String digits, String national, int countryCode) {
        String prefix = digits.substring(0, digits.length() - national.length());
        String code = String.valueOf(countryCode);
        return prefix.isEmpty() || prefix.equals("0") || prefix.equals(code) || prefix.equals("00" + code);
    }
}
