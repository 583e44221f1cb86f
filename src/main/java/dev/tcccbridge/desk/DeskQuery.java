package dev.tcccbridge.desk;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The query parameters of a callback URL, by name ignoring case ({@code SdkAppid},
 * {@code sdkappid} and {@code SDKAppID} are one parameter). Read from the raw query string only,
 * so an HTTP header of the same name can never stand in for a parameter. When a parameter is
 * repeated, the first value counts.
 */
public final class DeskQuery {

    private final Map<String, String> parameters;

    private DeskQuery(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    public static DeskQuery parse(String rawQuery) {
        Map<String, String> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                parameters.putIfAbsent(name, value);
            }
        }
        return new DeskQuery(parameters);
    }

    /** The parameter's value, trimmed; null when absent or empty. */
    public String get(String name) {
        String value = parameters.get(name);
        if (value == null) {
            return null;
        }
        value = value.trim();
        return value.isEmpty() ? null : value;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a malformed %-escape: keep the text as sent, it will not match anything expected
            return text;
        }
    }

    @Override
    public String toString() {
        return parameters.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList().toString();
    }
}
