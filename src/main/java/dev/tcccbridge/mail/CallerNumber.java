package dev.tcccbridge.mail;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * A caller's number as TCCC wrote it and as people read it.
 *
 * <p>TCCC writes numbers with the international call prefix ({@code 0086184xxxx7605}) or in
 * national form ({@code 13123456789}); numbers without a country code are read in the default
 * region ({@code bridge.mail.default-region}). Text that is not a phone number is shown as it came.
 *
 * @param raw           what TCCC sent
 * @param international e.g. {@code +86 131 2345 6789}
 * @param national      e.g. {@code 131 2345 6789}
 * @param e164          e.g. {@code +8613123456789}; the raw text when it is not a number
 * @param valid         whether the number was understood
 */
public record CallerNumber(String raw, String international, String national, String e164, boolean valid) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public static CallerNumber of(String raw, String defaultRegion) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) {
            return new CallerNumber("", "unknown number", "unknown number", "", false);
        }
        try {
            PhoneNumber number = PHONES.parse(text, defaultRegion);
            if (PHONES.isPossibleNumber(number)) {
                return new CallerNumber(text,
                        PHONES.format(number, PhoneNumberFormat.INTERNATIONAL),
                        PHONES.format(number, PhoneNumberFormat.NATIONAL),
                        PHONES.format(number, PhoneNumberFormat.E164),
                        true);
            }
        } catch (NumberParseException e) {
            // not a phone number: shown as sent
        }
        return new CallerNumber(text, text, text, text, false);
    }
}
