package dev.tcccbridge.desk;

import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.tcccbridge.crm.PhoneNumbers;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a bot collected that finds a customer when the Desk user id does not: a phone number,
 * read like a CDR's numbers ({@link PhoneNumbers}, so {@code 0086 184 1234 7605} and
 * {@code 184-1234-7605} are one number), or an e-mail address (compared without case).
 *
 * @param variable the bot variable it came from
 * @param phone    the number, for a phone match
 * @param email    the address in lower case, for an e-mail match
 */
public record DeskMatch(String variable, PhoneNumber phone, String email) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"'\\\\{}()]+@[^@\\s\"'\\\\{}()]+\\.[^@\\s\"'\\\\{}()]+");
    private static final int MAX_EMAIL = 254;

    /** The first of the variables that holds a number or an address; empty when none does. */
    static Optional<DeskMatch> of(Map<String, String> bodyVariables, Iterable<String> variables, PhoneNumbers numbers) {
        for (String variable : variables) {
            String value = bodyVariables.get(variable);
            if (value == null || value.isBlank()) {
                continue;
            }
            String text = value.strip();
            if (text.contains("@")) {
                if (text.length() <= MAX_EMAIL && EMAIL.matcher(text).matches()) {
                    return Optional.of(new DeskMatch(variable, null, text.toLowerCase(Locale.ROOT)));
                }
                continue;
            }
            Optional<PhoneNumber> phone = numbers.parse(text);
            if (phone.isPresent()) {
                return Optional.of(new DeskMatch(variable, phone.get(), null));
            }
        }
        return Optional.empty();
    }

    /** The cache key: {@code phone:+8618412347605} or {@code email:li.wei@example.com}. */
    String key() {
        return phone != null ? "phone:" + PhoneNumbers.e164(phone) : "email:" + email;
    }

    @Override
    public String toString() {
        return variable + " (" + (phone != null ? "phone number" : "e-mail") + ")";
    }
}
