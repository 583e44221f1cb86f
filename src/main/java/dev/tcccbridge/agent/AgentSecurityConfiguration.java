package dev.tcccbridge.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may use the agent workspace: agents signed in with OpenID Connect ({@code oauth2Login}, Spring's
 * {@code spring.security.oauth2.client.*} keys), in a session of their own (kept in the database by Spring
 * Session, so any instance serves them). This chain covers only {@code /agent/**} and the two sign-in
 * addresses, ahead of the machine endpoints' chains ({@code security/}), which it leaves as they are.
 *
 * <p>The page may be framed only by itself and {@code bridge.agent.salesforce-origins} (CSP
 * frame-ancestors, instead of X-Frame-Options DENY). With the workspace off, the chain lets everything
 * through to the page that says how to turn it on.
 */
@Configuration(proxyBeanMethods = false)
public class AgentSecurityConfiguration {

    /** Ahead of every chain in security/. */
    static final int AGENT_ORDER = 0;

    static final String LOGIN_BASE = "/oauth2/authorization/";

    /** Pages an agent who is not signed in may see: the sign-in and signed-out pages and their style. */
    static final String[] OPEN_PAGES = {"/agent/sign-in.html", "/agent/signed-out.html", "/agent/agent.css",
            "/agent/sign-in.js", "/agent/off.html"};

    @Bean
    @Order(AGENT_ORDER)
    SecurityFilterChain agentSecurity(HttpSecurity http, AgentProperties agent, AllowedOrigins salesforceOrigins,
                                      ObjectProvider<ClientRegistrationRepository> registrations,
                                      ObjectMapper objectMapper) throws Exception {
        http.securityMatcher(new OrRequestMatcher(matcher("/agent"), matcher("/agent/**"),
                matcher(LOGIN_BASE + "*"), matcher("/login/oauth2/code/*")));
        if (!agent.enabled()) {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                    .csrf(AbstractHttpConfigurer::disable)
                    .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .build();
        }
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        ClientRegistration registration = registration(agent, repository);
        HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
        // after signing in, back to the page that was asked for, never to one of its data requests
        pagesOnly.setRequestMatcher(AgentEntryPoint.PAGE_NAVIGATION);
        OidcClientInitiatedLogoutSuccessHandler signedOut = new OidcClientInitiatedLogoutSuccessHandler(repository);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/agent/signed-out.html");
        signedOut.setDefaultTargetUrl("/agent/signed-out.html");
        http.authorizeHttpRequests(requests -> requests.requestMatchers(OPEN_PAGES).permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login.clientRegistrationRepository(repository)
                        .loginPage(LOGIN_BASE + registration.getRegistrationId())
                        .failureUrl(AgentEntryPoint.SIGN_IN_PAGE + "?failed"))
                .requestCache(cache -> cache.requestCache(pagesOnly))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(
                        new AgentEntryPoint(LOGIN_BASE + registration.getRegistrationId(), objectMapper)))
                .logout(logout -> logout.logoutRequestMatcher(PathPatternRequestMatcher.withDefaults()
                                .matcher(HttpMethod.POST, "/agent/logout"))
                        .logoutSuccessHandler(signedOut))
                .headers(headers -> headers.frameOptions(frames -> frames.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "frame-ancestors " + salesforceOrigins.frameAncestors())));
        return http.build();
    }

    /** The registration agents sign in with; start-up fails naming the keys when there is none to choose. */
    static ClientRegistration registration(AgentProperties agent, ClientRegistrationRepository repository) {
        List<ClientRegistration> all = new ArrayList<>();
        if (repository instanceof Iterable<?> registrations) {
            registrations.forEach(r -> all.add((ClientRegistration) r));
        }
        if (repository == null || (all.isEmpty() && agent.registrationId() == null)) {
            // Boot makes no repository without spring.security.oauth2.client.registration entries
            throw new IllegalStateException("bridge.agent.enabled is true, but no OpenID Connect client is configured:"
                    + " set spring.security.oauth2.client.registration.<id>.client-id / client-secret / scope (openid)"
                    + " and spring.security.oauth2.client.provider.<id>.issuer-uri (docs/AGENT.md)");
        }
        if (agent.registrationId() != null) {
            ClientRegistration chosen = repository.findByRegistrationId(agent.registrationId());
            if (chosen == null) {
                throw new IllegalStateException("bridge.agent.registration-id is " + agent.registrationId()
                        + ", but spring.security.oauth2.client.registration." + agent.registrationId()
                        + " is not configured");
            }
            return chosen;
        }
        if (all.size() > 1) {
            throw new IllegalStateException("several spring.security.oauth2.client.registration entries are"
                    + " configured: set bridge.agent.registration-id to the one agents sign in with");
        }
        return all.get(0);
    }

    private static RequestMatcher matcher(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
