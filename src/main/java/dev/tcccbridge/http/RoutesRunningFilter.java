package dev.tcccbridge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.camel.CamelContext;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

/**
 * Answers 503, in the endpoint's own format, while Camel's routes are not running: Tomcat accepts
 * requests about a second before the routes start (and goes on a little after they stop), and a
 * request in between would otherwise get Spring's 404. TCCC retries a 503 (it tries only three
 * times, a 404 would waste one for nothing), Desk routes the chat its own way. Runs first, before
 * authentication, on the request's first dispatch only; a running bridge pays one status read.
 */
public final class RoutesRunningFilter implements Filter {

    private final CamelContext camel;
    private final byte[] notYet;

    private RoutesRunningFilter(CamelContext camel, byte[] notYet) {
        this.camel = camel;
        this.notYet = notYet;
    }

    /** The filter in front of one route path, answering as {@code refusals} says for 503. */
    public static FilterRegistrationBean<RoutesRunningFilter> on(String path, CamelContext camel,
                                                                 BoundedJsonBodyFilter.Refusals refusals,
                                                                 ObjectMapper objectMapper) throws IOException {
        byte[] answer = objectMapper.writeValueAsBytes(refusals.answer(503,
                "the bridge is starting or stopping, nothing was read: retry later"));
        FilterRegistrationBean<RoutesRunningFilter> registration =
                new FilterRegistrationBean<>(new RoutesRunningFilter(camel, answer));
        registration.addUrlPatterns(path);
        // before Spring Security's filter chain
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse servletResponse, FilterChain chain)
            throws IOException, ServletException {
        if (camel.isStarted()) {
            chain.doFilter(request, servletResponse);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) servletResponse;
        response.setStatus(503);
        response.setHeader("Retry-After", "1");
        response.setContentType("application/json;charset=UTF-8");
        response.getOutputStream().write(notYet);
    }
}
