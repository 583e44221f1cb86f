package dev.tcccbridge.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import org.apache.camel.Message;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The audit trail of what operators change through the admin API: one line per change on the
 * logger {@value #LOGGER}, naming the admin who made it and from where. Only requests that
 * passed the admin authentication reach the admin routes, so the name is the authenticated one.
 */
@Component
public class AdminAudit {

    public static final String LOGGER = "dev.tcccbridge.audit";

    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);

    /** Logs {@code what} as done by the admin of this request: {@code admin "operator" from 10.0.0.7: <what>}. */
    public void record(Message request, String what) {
        AUDIT.info("admin \"{}\" from {}: {}", who(request), from(request), what);
    }

    /** The admin's name: the request's principal, else the user of its (verified) Basic credentials. */
    public String who(Message request) {
        HttpServletRequest servlet = servlet(request);
        Principal principal = servlet == null ? null : servlet.getUserPrincipal();
        if (principal != null && principal.getName() != null) {
            return principal.getName();
        }
        String authorization = request.getHeader("Authorization", String.class);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = credentials.indexOf(':');
                if (colon > 0) {
                    return credentials.substring(0, colon);
                }
            } catch (IllegalArgumentException e) {
                // not Base64: the request could not have passed the authentication anyway
            }
        }
        return "(unknown)";
    }

    private static String from(Message request) {
        HttpServletRequest servlet = servlet(request);
        return servlet == null ? "(unknown address)" : servlet.getRemoteAddr();
    }

    private static HttpServletRequest servlet(Message request) {
        return request instanceof PlatformHttpMessage http ? http.getRequest() : null;
    }
}
