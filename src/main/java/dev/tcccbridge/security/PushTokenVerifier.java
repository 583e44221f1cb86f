package dev.tcccbridge.security;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Checks the bearer token of a push (mode {@code oauth2}): signature, expiry, and the claims
 * that tie it to this bridge. A token is accepted when either trusted issuer vouches for it:
 * <ul>
 *   <li>the built-in token endpoint: signed with its key, {@code aud} one of the configured clients;</li>
 *   <li>an external authorization server: signed with a key of its JWK set, {@code iss} equal to
 *       {@code issuer-uri} and {@code aud} containing {@code audience}.</li>
 * </ul>
 */
final class PushTokenVerifier {

    private PushTokenVerifier() {
    }

    /**
     * @param builtInKeys the built-in token endpoint's keys, or null when that endpoint is off
     */
    static AuthenticationManager of(PushAuthProperties.OAuth2 settings, TokenSigningKeys builtInKeys) {
        List<AuthenticationProvider> issuers = new ArrayList<>();
        if (builtInKeys != null) {
            issuers.add(new JwtAuthenticationProvider(builtIn(builtInKeys, settings.clients())));
        }
        if (settings.externalIssuer()) {
            issuers.add(new JwtAuthenticationProvider(external(settings)));
        }
        return new ProviderManager(issuers);
    }

    /**
     * No issuer check: the built-in issuer is the address the token was asked at, which differs
     * behind a proxy; the signature alone proves the token is ours. RS256 with a key that still
     * verifies tokens (the current one, or one rotated away from less than a token lifetime ago).
     */
    private static JwtDecoder builtIn(TokenSigningKeys keys, List<PushAuthProperties.Client> clients) {
        Set<String> clientIds = clients.stream().map(PushAuthProperties.Client::clientId).collect(Collectors.toSet());
        // a client removed from the configuration loses its tokens at once
        OAuth2TokenValidator<Jwt> configuredClient = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                audience -> audience != null && audience.stream().anyMatch(clientIds::contains));
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys.verificationSource()));
        // the claims are checked by the validators below
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(configuredClient));
        return decoder;
    }

    /** Issuer and audience are always both checked: start-up refuses an external issuer without them. */
    private static JwtDecoder external(PushAuthProperties.OAuth2 settings) {
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithValidators(List.of(
                new JwtIssuerValidator(settings.issuerUri().toString()),
                new JwtAudienceValidator(settings.audience())));
        if (settings.jwkSetUri() != null) {
            // issuer-uri, when also set, is only compared with the iss claim: no discovery
            return withValidator(NimbusJwtDecoder.withJwkSetUri(settings.jwkSetUri().toString()), validator);
        }
        // discovery waits for the first push, so the bridge starts while the authorization server is down
        return new SupplierJwtDecoder(() ->
                withValidator(NimbusJwtDecoder.withIssuerLocation(settings.issuerUri().toString()), validator));
    }

    /** Any asymmetric algorithm: the key from the JWK set decides, never the token alone. */
    private static NimbusJwtDecoder withValidator(NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder,
                                                  OAuth2TokenValidator<Jwt> validator) {
        NimbusJwtDecoder decoder = builder
                .jwsAlgorithms(algorithms -> algorithms.addAll(Arrays.asList(SignatureAlgorithm.values())))
                .build();
        decoder.setJwtValidator(validator);
        return decoder;
    }
}
