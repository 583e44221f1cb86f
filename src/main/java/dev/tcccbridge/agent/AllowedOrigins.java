package dev.tcccbridge.agent;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Salesforce origins ({@code bridge.agent.salesforce-origins}) the agent page trusts: they may frame it
 * (CSP {@code frame-ancestors}), and the page loads Open CTI from the one that opened it. Patterns are CSP
 * host sources: {@code https://*.lightning.force.com} is any subdomain, at the scheme's default port.
 */
public final class AllowedOrigins {

    /** An origin pattern: https with an optional leading {@code *.}, or http for a local host (tests, development). */
    static final String PATTERN = "https://(\\*\\.)?[a-zA-Z0-9.-]+(:\\d{1,5})?"
            + "|http://(localhost|127\\.0\\.0\\.1)(:\\d{1,5})?";

    private final List<String> patterns;

    public AllowedOrigins(List<String> patterns) {
        this.patterns = patterns.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** The value of CSP's frame-ancestors: the page itself and these origins. */
    public String frameAncestors() {
        return String.join(" ", Stream.concat(Stream.of("'self'"), patterns.stream()).toList());
    }

    /**
     * The origin as given ({@code sfdcIframeOrigin}), normalised, when a pattern allows it: scheme and host
     * only, no path, query or credentials.
     */
    public Optional<String> allowed(String origin) {
        if (origin == null || origin.isBlank() || origin.length() > 255) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(origin.strip());
        } catch (Exception e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        String normalised = scheme + "://" + host + (port < 0 ? "" : ":" + port);
        return patterns.stream().anyMatch(pattern -> matches(pattern, scheme, host, port))
                ? Optional.of(normalised) : Optional.empty();
    }

    private static boolean matches(String pattern, String scheme, String host, int port) {
        URI p = URI.create(pattern.replace("://*.", "://wildcard."));
        if (!p.getScheme().equals(scheme) || p.getPort() != port) {
            return false;
        }
        if (pattern.contains("://*.")) {
            String suffix = p.getHost().substring("wildcard".length());
            return host.endsWith(suffix) && host.length() > suffix.length();
        }
        return p.getHost().equals(host);
    }
}
