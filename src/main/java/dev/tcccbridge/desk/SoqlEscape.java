package dev.tcccbridge.desk;

/**
 * SOQL string literals from untrusted text. Backslash, both quotes and the control characters
 * SOQL has escapes for are escaped; any other control character, a broken UTF-16 surrogate or an
 * overlong value is refused, so request data can only ever be the value of one literal.
 */
public final class SoqlEscape {

    /** Longer than any Salesforce text field an id lives in (Text(255)). */
    public static final int MAX_LENGTH = 255;

    private SoqlEscape() {
    }

    /** Whether {@link #quote} accepts the value. */
    public static boolean quotable(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
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
     * @return the value as a single-quoted SOQL literal, e.g. {@code x' OR Name != '} becomes
     *         {@code 'x\' OR Name != \''}
     * @throws IllegalArgumentException when the value is not {@link #quotable}
     */
    public static String quote(String value) {
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
}
