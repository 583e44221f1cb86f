package dev.tcccbridge.logging;

/**
 * Neutralises what could forge or hide log lines in text that reaches a plain-text log: CR, LF
 * and every other control character (also ESC, which drives terminals, NEL and the Unicode line
 * and paragraph separators) become visible escapes ({@code \r}, {@code \n}, {@code \u001b}).
 * Tabs stay. Applied to every log message and exception message by the log configuration
 * ({@code logback-spring.xml}), so request values (actions, push ids, session ids, Desk commands)
 * are safe wherever they are logged, by the bridge, its routes or a library.
 */
public final class LogSafe {

    private LogSafe() {
    }

    /** The text with control characters escaped; the same instance when there are none. */
    public static String neutralise(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder safe = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                safe.append(c);
            } else if (c == '\r') {
                safe.append("\\r");
            } else if (c == '\n') {
                safe.append("\\n");
            } else {
                safe.append(String.format("\\u%04x", (int) c));
            }
        }
        return safe.toString();
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (unsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean unsafe(char c) {
        return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029';
    }
}
