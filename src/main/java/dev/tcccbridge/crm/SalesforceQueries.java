package dev.tcccbridge.crm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Values put into SOQL and SOSL, escaped: a value can never end its literal or add an operator;
 * and queries of many values cut to what one request carries.
 */
public final class SalesforceQueries {

    /**
     * Longest a query may be in the request URI, URL-encoded. Salesforce refuses a URI and headers
     * over 16,384 bytes together (414 / 431), and its own expansion of a query makes the room smaller.
     */
    public static final int MAX_ENCODED_QUERY = 10_000;

    /** Characters SOSL reserves in a search term. */
    private static final String SOSL_RESERVED = "?&|!{}[]()^~*:\\\"'+-";

    private SalesforceQueries() {
    }

    /** Longer than any Salesforce text field an id lives in (Text(255)). */
    public static final int MAX_LITERAL_LENGTH = 255;

    /** Whether {@link #literal} accepts the value. */
    public static boolean quotable(String value) {
        if (value == null || value.length() > MAX_LITERAL_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            } else if ((c < 0x20 || c == 0x7f) && escape(c) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * A SOQL string literal from untrusted text. Backslash, both quotes and the control
     * characters SOQL has escapes for are escaped; any other control character, a broken UTF-16
     * surrogate or an overlong value is refused, so the value can only ever be one literal.
     *
     * @return the value as a single-quoted SOQL literal, e.g. {@code x' OR Name != '} becomes
     *         {@code 'x\' OR Name != \''}
     * @throws IllegalArgumentException when the value is not {@link #quotable}
     */
    public static String literal(String value) {
        if (!quotable(value)) {
            throw new IllegalArgumentException("not a value a SOQL literal is built from");
        }
        StringBuilder literal = new StringBuilder(value.length() + 8).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escaped = escape(c);
            if (escaped != null) {
                literal.append(escaped);
            } else {
                literal.append(c);
            }
        }
        return literal.append('\'').toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '\'' -> "\\'";
            case '"' -> "\\\"";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> null;
        };
    }

    /** A SOQL list of literals for {@code IN}: {@code ('a','b')} (no spaces: each costs 3 characters in the URI). */
    public static String inList(List<String> values) {
        return values.stream().map(SalesforceQueries::literal).collect(Collectors.joining(",", "(", ")"));
    }

    /** Whether a query fits in the request URI ({@link #MAX_ENCODED_QUERY}), encoded as camel-salesforce does (%20). */
    public static boolean fitsInUri(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20").length() <= MAX_ENCODED_QUERY;
    }

    /**
     * How many of {@code values}, from the first, one query takes: at most {@code max}, as many as
     * {@code fits} accepts, and at least one (a single value always goes, whatever its size).
     *
     * @param fits whether a query of these values is small enough; false for more when false for fewer
     */
    public static int fitting(List<String> values, int max, Predicate<List<String>> fits) {
        int low = 1;
        int high = Math.min(max, values.size());
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (fits.test(values.subList(0, middle))) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        return Math.min(low, values.size());
    }

    /** A SOSL search phrase, quotes included, reserved characters escaped: {@code "\+8618412347605"}. */
    public static String phrase(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (char c : value.toCharArray()) {
            if (SOSL_RESERVED.indexOf(c) >= 0) {
                out.append('\\');
            }
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
