package dev.tcccbridge.crm;

/**
 * Values put into SOQL and SOSL, escaped: a value can never end its literal or add an operator.
 */
public final class SalesforceQueries {

    /** Characters SOSL reserves in a search term. */
    private static final String SOSL_RESERVED = "?&|!{}[]()^~*:\\\"'+-";

    private SalesforceQueries() {
    }

    /** A SOQL string literal, quotes included: {@code 'O\'Brien'}. */
    public static String literal(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c);
            }
        }
        return out.append('\'').toString();
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
