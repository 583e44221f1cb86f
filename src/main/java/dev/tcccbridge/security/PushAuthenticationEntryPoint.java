package dev.tcccbridge.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.tccc.PushAnswer;
import dev.tcccbridge.tccc.PushError;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Refuses an unauthenticated push the way TCCC reads answers: 401, the challenge of the
 * configured scheme in {@code WWW-Authenticate}, and a vendor-format body
 * {@code {"ErrCode":40100,"ErrMsg":..}}. Nothing of the presented credentials is logged or echoed.
 */
final class PushAuthenticationEntryPoint implements AuthenticationEntryPoint {

    /** The realm named in the bridge's {@code WWW-Authenticate} challenges. */
    static final String REALM = "tccc-bridge";

    private static final Logger LOG = LoggerFactory.getLogger(PushAuthenticationEntryPoint.class);

    private final AuthenticationEntryPoint challenge;
    private final ObjectMapper objectMapper;

    private PushAuthenticationEntryPoint(AuthenticationEntryPoint challenge, ObjectMapper objectMapper) {
        this.challenge = challenge;
        this.objectMapper = objectMapper;
    }

    static PushAuthenticationEntryPoint basic(ObjectMapper objectMapper) {
        return new PushAuthenticationEntryPoint((request, response, failure) ->
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\""), objectMapper);
    }

    /** The RFC 6750 challenge, with the token error when there was one. */
    static PushAuthenticationEntryPoint bearer(ObjectMapper objectMapper) {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        bearer.setRealmName(REALM);
        return new PushAuthenticationEntryPoint(bearer, objectMapper);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        String reason = failure instanceof InsufficientAuthenticationException
                ? "authentication required"
                : "authentication failed: " + failure.getMessage();
        LOG.warn("push from {} refused: {}", request.getRemoteAddr(), reason);
        challenge.commence(request, response, failure);
        // a malformed bearer header is a 400 in RFC 6750; to TCCC every refusal here is a 401
        response.setStatus(PushError.UNAUTHENTICATED.httpStatus());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE + ";charset=UTF-8");
        response.getOutputStream().write(objectMapper.writeValueAsBytes(
                PushAnswer.refused(PushError.UNAUTHENTICATED, reason)));
    }
}
