package dev.tcccbridge.security;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The built-in token endpoint, for teams without an authorization server of their own: TCCC
 * posts the ClientID and ClientSecret of {@code bridge.tccc.push.auth.oauth2.clients} to
 * {@code POST /oauth2/token} (grant {@code client_credentials}, credentials by HTTP Basic or
 * form) and gets a signed JWT, which the push endpoint then accepts. The signing key is
 * published at {@code /oauth2/jwks}. On only when clients are configured (which start-up
 * validation allows in mode {@code oauth2} only).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("bridge.tccc.push.auth.oauth2.clients[0].client-id")
class TokenEndpointConfiguration {

    @Bean
    TokenSigningKey tokenSigningKey(PushAuthProperties properties) {
        return TokenSigningKey.of(properties.oauth2().signingKey());
    }

    @Bean
    JWKSource<SecurityContext> tokenSigningJwkSource(TokenSigningKey key) {
        return new ImmutableJWKSet<>(new JWKSet(key.jwk()));
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(PushAuthProperties properties) {
        TokenSettings tokens = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                .accessTokenTimeToLive(properties.oauth2().tokenLifetime())
                .build();
        List<RegisteredClient> clients = properties.oauth2().clients().stream()
                .map(client -> RegisteredClient.withId(client.clientId())
                        .clientId(client.clientId())
                        .clientSecret(client.clientSecret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenSettings(tokens)
                        .build())
                .toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new SelfContainedTokens();
    }

    /** The issuer of each token is the address it was asked at. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    @Bean
    @Order(SecurityConfiguration.TOKEN_ENDPOINT_ORDER)
    SecurityFilterChain tokenEndpointSecurity(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer authorizationServer = OAuth2AuthorizationServerConfigurer.authorizationServer();
        http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer, server -> server.clientAuthentication(clients ->
                        clients.authenticationProviders(TokenEndpointConfiguration::compareSecretsInConstantTime)))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
        return SecurityConfiguration.machineEndpoint(http).build();
    }

    /** The configured secrets are plain text: compare them as such, without a timing leak. */
    private static void compareSecretsInConstantTime(List<AuthenticationProvider> providers) {
        providers.stream()
                .filter(ClientSecretAuthenticationProvider.class::isInstance)
                .map(ClientSecretAuthenticationProvider.class::cast)
                .forEach(provider -> provider.setPasswordEncoder(PlainSecretEncoder.INSTANCE));
    }
}
