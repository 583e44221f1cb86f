package dev.tcccbridge.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What an agent who is not signed in gets:
 * <ul>
 *   <li>the page's own requests ({@code fetch}: {@code /agent/sdk-url}, {@code /agent/lookup}, {@code /agent/me},
 *       anything not a page) → 401 JSON; nothing is minted, nothing redirected;</li>
 *   <li>the page inside a frame (Salesforce's softphone panel) → the sign-in page, which signs in in a
 *       window of its own: identity providers refuse to be framed;</li>
 *   <li>the page in a window → straight to the identity provider.</li>
 * </ul>
 */
public class AgentEntryPoint implements AuthenticationEntryPoint {

    static final String SIGN_IN_PAGE = "/agent/sign-in.html";

    /** A browser navigating to a page, not a script asking for data. */
    static final RequestMatcher PAGE_NAVIGATION = request -> "GET".equals(request.getMethod())
            && !isApi(request) && !"cors".equals(request.getHeader("Sec-Fetch-Mode"))
            && (request.getHeader("Sec-Fetch-Dest") == null
                ? String.valueOf(request.getHeader("Accept")).contains("text/html")
                : isFrame(request) || "document".equals(request.getHeader("Sec-Fetch-Dest")));

    private final String loginPath;
    private final ObjectMapper json;

    /** @param loginPath where the sign-in starts, e.g. {@code /oauth2/authorization/okta} */
    public AgentEntryPoint(String loginPath, ObjectMapper json) {
        this.loginPath = loginPath;
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!PAGE_NAVIGATION.matches(request)) {
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("error", "sign-in-required");
            answer.put("message", "Sign in first: open /agent/.");
            response.setStatus(401);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json;charset=UTF-8");
            response.getOutputStream().write(json.writeValueAsBytes(answer));
            return;
        }
        // the sign-in page goes back to the softphone with the query Salesforce gave it (sfdcIframeOrigin)
        String query = request.getQueryString();
        String target = isFrame(request) ? SIGN_IN_PAGE + (query == null ? "" : "?" + query) : loginPath;
        response.sendRedirect(request.getContextPath() + target);
    }

    static boolean isApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/agent/sdk-url") || path.equals("/agent/lookup") || path.equals("/agent/me");
    }

    private static boolean isFrame(HttpServletRequest request) {
        String destination = request.getHeader("Sec-Fetch-Dest");
        return "iframe".equals(destination) || "frame".equals(destination);
    }
}
