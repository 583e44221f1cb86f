package dev.tcccbridge.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.tccc.TcccProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what. Each path group has its own filter chain, first match wins:
 * <ol>
 *   <li>the built-in token endpoint {@code /oauth2/**} ({@link TokenEndpointConfiguration}), when on;</li>
 *   <li>{@code /admin/**}: HTTP Basic with {@code bridge.admin.*}, refused when those are not set;</li>
 *   <li>the push path: as {@code bridge.tccc.push.auth.mode} says;</li>
 *   <li>everything else, open: the Desk callback (it checks its own Sign), the actuator
 *       endpoints, and any route an integration team adds.</li>
 * </ol>
 * All are machine endpoints: no sessions, no CSRF tokens, no login pages.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final int TOKEN_ENDPOINT_ORDER = 1;
    static final int ADMIN_ORDER = 2;
    static final int PUSH_ORDER = 3;

    private static final String PUSH_AUTHORITY = "TCCC_PUSH";
    private static final String ADMIN_AUTHORITY = "BRIDGE_ADMIN";

    @Bean
    @Order(ADMIN_ORDER)
    SecurityFilterChain adminSecurity(HttpSecurity http, AdminAuthProperties admin) throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/admin/**"));
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName(PushAuthenticationEntryPoint.REALM + " admin");
        if (admin.configured()) {
            http.authenticationManager(new ProviderManager(
                            new FixedCredentials(admin.username(), admin.password(), ADMIN_AUTHORITY)))
                    .httpBasic(basic -> basic.authenticationEntryPoint(challenge))
                    .authorizeHttpRequests(requests -> requests.anyRequest().hasAuthority(ADMIN_AUTHORITY));
        } else {
            http.authorizeHttpRequests(requests -> requests.anyRequest().denyAll());
        }
        http.exceptionHandling(errors -> errors.authenticationEntryPoint(challenge));
        return machineEndpoint(http).build();
    }

    @Bean
    @Order(PUSH_ORDER)
    SecurityFilterChain pushSecurity(HttpSecurity http, TcccProperties tccc, PushAuthProperties auth,
                                     ObjectMapper objectMapper, ObjectProvider<TokenSigningKey> builtInKey)
            throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(tccc.push().path()));
        switch (auth.mode()) {
            case NONE -> http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
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
                var tokens = PushTokenVerifier.of(auth.oauth2(), builtInKey.getIfAvailable());
                http.oauth2ResourceServer(server -> server
                                .authenticationManagerResolver(request -> tokens)
                                .authenticationEntryPoint(refusal))
                        .exceptionHandling(errors -> errors.authenticationEntryPoint(refusal))
                        .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
            }
        }
        return machineEndpoint(http).build();
    }

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain openSecurity(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
        return machineEndpoint(http).build();
    }

    /** What every chain of the bridge shares: callers are machines, not browsers. */
    static HttpSecurity machineEndpoint(HttpSecurity http) throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .logout(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable);
    }
}
