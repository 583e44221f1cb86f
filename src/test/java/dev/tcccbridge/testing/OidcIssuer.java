package dev.tcccbridge.testing;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local OpenID Connect issuer for the agent sign-in: Spring Authorization Server in an application of
 * its own (its own port, on {@code localhost}, so its cookies never mix with a bridge reached at
 * 127.0.0.1), with a login form and the users a test adds ({@link #user}); their claims go into the ID
 * token. The bridge is its one client, registered with Spring's own keys by {@link #register}; its
 * redirect URI is a loopback address, so any bridge port is accepted, as RFC 8252 allows.
 */
public final class OidcIssuer implements AutoCloseable {

    public static final String REGISTRATION = "test-idp";
    public static final String CLIENT_ID = "tccc-bridge";
    public static final String CLIENT_SECRET = "bridge-client-secret";

    private record Account(String password, Map<String, Object> claims) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final ConfigurableApplicationContext context;
    private final int port;

    public OidcIssuer() {
        SpringApplication application = new SpringApplication(IssuerApplication.class);
        // the test's logging stays as it is
        application.setListeners(application.getListeners().stream()
                .filter(listener -> !(listener instanceof LoggingApplicationListener)).toList());
        application.setDefaultProperties(Map.of(
                "server.port", "0",
                // not the bridge's application.yaml from the working directory
                "spring.config.location", "optional:classpath:/oidc-issuer-has-no-config/",
                "server.servlet.session.cookie.name", "ISSUER_SESSION",
                "spring.main.banner-mode", "off"));
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("oidcIssuer", this));
        context = application.run();
        port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    public String issuerUri() {
        return "http://localhost:" + port;
    }

    /** A user who can sign in with this password; the claims (email, name, ...) go into the ID token. */
    public OidcIssuer user(String username, String password, Map<String, Object> claims) {
        accounts.put(username, new Account(password, Map.copyOf(claims)));
        return this;
    }

    /** The bridge's OpenID Connect client settings (Spring's own keys), as a deployment writes them. */
    public void register(DynamicPropertyRegistry registry) {
        String registration = "spring.security.oauth2.client.registration." + REGISTRATION;
        registry.add(registration + ".client-id", () -> CLIENT_ID);
        registry.add(registration + ".client-secret", () -> CLIENT_SECRET);
        registry.add(registration + ".scope", () -> "openid,profile,email");
        registry.add("spring.security.oauth2.client.provider." + REGISTRATION + ".issuer-uri", this::issuerUri);
    }

    @Override
    public void close() {
        context.close();
    }

    Map<String, Object> claimsOf(String username) {
        Account account = accounts.get(username);
        return account == null ? Map.of() : account.claims();
    }

    String passwordOf(String username) {
        Account account = accounts.get(username);
        if (account == null) {
            throw new UsernameNotFoundException(username);
        }
        return account.password();
    }

    /** Not a @Configuration: the bridge's component scan must not pick it up. */
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
            SecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
            PropertyPlaceholderAutoConfiguration.class})
    static class IssuerApplication {

        @Bean
        @Order(1)
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
            http.securityMatcher(server.getEndpointsMatcher())
                    .with(server, s -> s.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()))
                    .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"),
                            new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        @Bean
        @Order(2)
        SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults())
                    .build();
        }

        @Bean
        UserDetailsService users(OidcIssuer oidcIssuer) {
            return username -> User.withUsername(username).password("{noop}" + oidcIssuer.passwordOf(username))
                    .roles("AGENT").build();
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    // a loopback redirect URI matches at any port
                    .redirectUri("http://127.0.0.1/login/oauth2/code/" + REGISTRATION)
                    .scope(OidcScopes.OPENID).scope(OidcScopes.PROFILE).scope(OidcScopes.EMAIL)
                    .clientSettings(ClientSettings.builder().requireAuthorizationConsent(false).build())
                    .build());
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> userClaims(OidcIssuer oidcIssuer) {
            return context -> {
                if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
                    Map<String, Object> claims = new HashMap<>(oidcIssuer.claimsOf(context.getPrincipal().getName()));
                    claims.forEach(context.getClaims()::claim);
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> signingKey() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> signingKey) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKey);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }
    }
}
