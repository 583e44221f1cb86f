package dev.tcccbridge.mail;

import dev.tcccbridge.crm.PhoneNumbers;


/**
 * A caller's number as TCCC wrote it and as people read it.
 *
 * <p>TCCC writes numbers with the international call prefix ({@code 0086184xxxx7605}) or in
 * national form ({@code 13123456789}); numbers without a country code are read in the default
 * region ({@code bridge.crm.phone-region}), as everywhere in the bridge ({@link PhoneNumbers}). Text
 * that is not a phone number (or a masked one) is shown as it came.
 *
 * @param raw           what TCCC sent
 * @param international e.g. {@code +86 131 2345 6789}
 * @param national      e.g. {@code 131 2345 6789}
 * @param e164          e.g. {@code +8613123456789}; the raw text when it is not a number
 * @param valid         whether the number was understood
 */
public record CallerNumber(String raw, String international, String national, String e164, boolean valid) {

    public static CallerNumber of(String raw, PhoneNumbers phones) {
        String text = raw == null ? "" : raw.trim();
        if (text.isEmpty()) {
            return new CallerNumber("", "unknown number", "unknown number", "", false);
        }
        return phones.parse(text)
                .map(number -> new CallerNumber(text, PhoneNumbers.international(number),
                        PhoneNumbers.national(number), PhoneNumbers.e164(number), true))
                .orElseGet(() -> new CallerNumber(text, text, text, text, false));
    }
}
