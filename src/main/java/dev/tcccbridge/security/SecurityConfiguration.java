package dev.tcccbridge.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.tccc.TcccProperties;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.session.DisableEncodeUrlFilter;

/**
 * Who may call what. Each path group has its own filter chain, first match wins:
 * <ol>
 *   <li>the built-in token endpoint {@code /oauth2/**} ({@link TokenEndpointConfiguration}), when on;</li>
 *   <li>{@code /admin/**} (the console and its API): HTTP Basic with {@code bridge.admin.*}, refused when
 *       those are not set;</li>
 *   <li>the push path: from {@code bridge.tccc.push.allowed-sources} only, when set, then as
 *       {@code bridge.tccc.push.auth.mode} says;</li>
 *   <li>{@code /actuator/**}: open; with the admin credentials, health shows its details;</li>
 *   <li>the front page {@code /}: open;</li>
 *   <li>everything else, open: the Desk callback (it checks its own Sign), and any route an
 *       integration team adds.</li>
 * </ol>
 * No sessions, no CSRF tokens, no login pages: callers are machines, and the console (a browser page
 * under {@code /admin/}) uses the admin's HTTP Basic credentials too, its writes refused when they come
 * from another site's page ({@link SameOriginWrites}).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final int TOKEN_ENDPOINT_ORDER = 1;
    static final int ADMIN_ORDER = 2;
    static final int PUSH_ORDER = 3;
    static final int ACTUATOR_ORDER = 4;
    static final int FRONT_PAGE_ORDER = 5;

    /**
     * The pages' Content Security Policy: scripts, styles and requests of the bridge itself only, no inline
     * script, no frames, no plug-ins; with the console writing data as text only, a hostile payload shown
     * there cannot run.
     */
    public static final String PAGES_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    private static final String PUSH_AUTHORITY = "TCCC_PUSH";
    private static final String ADMIN_AUTHORITY = "BRIDGE_ADMIN";

    @Bean
    @Order(ADMIN_ORDER)
    SecurityFilterChain adminSecurity(HttpSecurity http, AdminAuthProperties admin) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/admin/**"));
        BasicAuthenticationEntryPoint challenge = adminBasic(http, admin);
        if (admin.configured()) {
            http.authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(ADMIN_AUTHORITY));
        } else {
            http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll());
        }
        http.exceptionHandling(errors -> errors.authenticationEntryPoint(challenge));
        // the console's pages are under /admin/ too: another site's page may not change anything through them
        http.addFilterBefore(new SameOriginWrites(), DisableEncodeUrlFilter.class);
        http.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGES_CSP)));
        return machineEndpoint(http).build();
    }

    /** The front page ({@code /}, naming the bridge and linking the console, health and docs): open, with the CSP. */
    @Bean
    @Order(FRONT_PAGE_ORDER)
    SecurityFilterChain frontPageSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/"),
                PathPatternRequestMatcher.withDefaults().matcher("/index.html"),
                PathPatternRequestMatcher.withDefaults().matcher("/bridge.css")));
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGES_CSP)));
        return machineEndpoint(http).build();
    }

    @Bean
    @Order(PUSH_ORDER)
    SecurityFilterChain pushSecurity(HttpSecurity http, TcccProperties tccc, PushAuthProperties auth,
                                     ObjectMapper objectMapper, ObjectProvider<TokenSigningKeys> builtInKeys)
            throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(tccc.push().path()));
        if (!tccc.push().allowedSources().isEmpty()) {
            // first of all: an address that may not push learns nothing, not even how to authenticate
            http.addFilterBefore(new PushSources(tccc.push(), objectMapper), DisableEncodeUrlFilter.class);
        }
        switch (auth.mode()) {
            case NONE -> {
                LOG.warn("bridge.tccc.push.auth.mode is none: {} accepts pushes without credentials from {}; anyone "
                        + "who can reach it can write calls into the CRM and make the bridge download and mail "
                        + "recordings. Set bridge.tccc.push.auth.mode to basic or oauth2 (docs/SECURITY.md){}",
                        tccc.push().path(), tccc.push().allowedSources().isEmpty() ? "any address"
                                : "bridge.tccc.push.allowed-sources " + tccc.push().allowedSources(),
                        tccc.push().allowedSources().isEmpty()
                                ? ", or at least bridge.tccc.push.allowed-sources to TCCC's addresses" : "");
                http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            }
            case BASIC -> {
                PushAuthenticationEntryPoint refusal = PushAuthenticationEntryPoint.basic(objectMapper);
                http.authenticationManager(new ProviderManager(new FixedCredentials(
                                auth.basic().username(), auth.basic().password(), PUSH_AUTHORITY)))
                        .httpBasic(basic -> basic.authenticationEntryPoint(refusal))
                        .exceptionHandling(errors -> errors.authenticationEntryPoint(refusal))
                        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
            }
            case OAUTH2 -> {
                PushAuthenticationEntryPoint refusal = PushAuthenticationEntryPoint.bearer(objectMapper);
                var tokens = PushTokenVerifier.of(auth.oauth2(), builtInKeys.getIfAvailable());
                http.oauth2ResourceServer(server -> server
                                .authenticationManagerResolver(request -> tokens)
                                .authenticationEntryPoint(refusal))
                        .exceptionHandling(errors -> errors.authenticationEntryPoint(refusal))
                        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
            }
        }
        return machineEndpoint(http).build();
    }

    /**
     * Open, for load balancers and monitoring; the admin's credentials, when sent, are checked, and
     * health then shows its details ({@code management.endpoint.health.show-details: when-authorized}).
     */
    @Bean
    @Order(ACTUATOR_ORDER)
    SecurityFilterChain actuatorSecurity(HttpSecurity http, AdminAuthProperties admin) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/actuator/**"));
        adminBasic(http, admin);
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return machineEndpoint(http).build();
    }

    /** {@code push} in /actuator/health: how pushes are authenticated and from where they are taken. */
    @Bean
    HealthIndicator pushHealthIndicator(TcccProperties tccc, PushAuthProperties auth) {
        Health health = Health.up()
                .withDetail("auth", auth.mode().name().toLowerCase(Locale.ROOT))
                .withDetail("allowedSources", tccc.push().allowedSources().isEmpty() ? List.of("any")
                        : tccc.push().allowedSources())
                .build();
        return () -> health;
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain openSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return machineEndpoint(http).build();
    }

    /** HTTP Basic with the admin's credentials, when they are set; the challenge names the admin realm. */
    private static BasicAuthenticationEntryPoint adminBasic(HttpSecurity http, AdminAuthProperties admin)
            throws Exception {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName(PushAuthenticationEntryPoint.REALM + " admin");
        if (admin.configured()) {
            http.authenticationManager(new ProviderManager(
                            new FixedCredentials(admin.username(), admin.password(), ADMIN_AUTHORITY)))
                    .httpBasic(basic -> basic.authenticationEntryPoint(challenge));
        }
        return challenge;
    }

    /** What every chain of the bridge shares: callers are machines, not browsers. */
    static HttpSecurity machineEndpoint(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .logout(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                // the security headers before the route, not after it: a route answers on its pool's
                // thread while the request's own thread leaves the filters, and both must not write headers
                .headers(headers -> headers.addObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <O extends HeaderWriterFilter> O postProcess(O filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }));
    }
}
