package dev.tcccbridge.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a change to {@code /admin/**} (anything but GET, HEAD, OPTIONS) that a browser sends on behalf of
 * another site's page: the console authenticates with HTTP Basic, whose credentials a browser attaches
 * to any request to the bridge, so another page could otherwise make an operator's browser replay rows.
 * Browsers name the page's origin ({@code Origin}) and whether it is another site ({@code Sec-Fetch-Site});
 * tools such as curl send neither and are let through.
 */
public final class SameOriginWrites extends OncePerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (READS.contains(request.getMethod().toUpperCase(Locale.ROOT)) || sameOrigin(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(403);
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write("{\"error\":\"a change to the admin API from another site's page is refused\"}"
                .getBytes(StandardCharsets.UTF_8));
    }

    static boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true;
        }
        String host = request.getHeader("Host");
        try {
            URI from = URI.create(origin);
            String authority = from.getRawAuthority();
            return host != null && authority != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
