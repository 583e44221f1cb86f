package dev.tcccbridge.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * {@code bridge.tccc.push.auth.*}: how TCCC authenticates its pushes, as chosen in the TCCC
 * console. Settings of a mode other than the chosen one fail start-up rather than being
 * ignored: credentials set with mode {@code none} would leave the endpoint open unnoticed.
 *
 * @param mode   {@code none}, {@code basic} or {@code oauth2}
 * @param basic  the username and password of mode {@code basic}
 * @param oauth2 the token issuers trusted by mode {@code oauth2}
 */
@Validated
@ConfigurationProperties("bridge.tccc.push.auth")
public record PushAuthProperties(
        @NotNull @DefaultValue("none") Mode mode,
        @Valid @DefaultValue Basic basic,
        @Valid @DefaultValue OAuth2 oauth2) {

    public enum Mode { NONE, BASIC, OAUTH2 }

    @AssertTrue(message = "mode basic needs bridge.tccc.push.auth.basic.username and "
            + "bridge.tccc.push.auth.basic.password")
    public boolean isBasicComplete() {
        return mode != Mode.BASIC || basic.complete();
    }

    @AssertTrue(message = "mode oauth2 needs a token issuer: bridge.tccc.push.auth.oauth2.issuer-uri or "
            + ".jwk-set-uri (an external authorization server), or bridge.tccc.push.auth.oauth2.clients "
            + "(the built-in token endpoint)")
    public boolean isOAuth2Complete() {
        return mode != Mode.OAUTH2 || oauth2.externalIssuer() || oauth2.builtInTokenEndpoint();
    }

    @AssertTrue(message = "bridge.tccc.push.auth.basic.* is set but bridge.tccc.push.auth.mode is not basic: "
            + "set the mode to basic or remove these settings, they would be ignored")
    public boolean isBasicUnusedInOtherModes() {
        return mode == Mode.BASIC || !basic.anySet();
    }

    @AssertTrue(message = "bridge.tccc.push.auth.oauth2.* is set but bridge.tccc.push.auth.mode is not oauth2: "
            + "set the mode to oauth2 or remove these settings, they would be ignored")
    public boolean isOAuth2UnusedInOtherModes() {
        return mode == Mode.OAUTH2 || !oauth2.anySet();
    }

    public record Basic(String username, String password) {

        boolean complete() {
            return StringUtils.hasText(username) && StringUtils.hasText(password);
        }

        boolean anySet() {
            return StringUtils.hasText(username) || StringUtils.hasText(password);
        }

        /** Never the password: records print their components. */
        @Override
        public String toString() {
            return "Basic[username=" + username + "]";
        }
    }

    /**
     * @param issuerUri     issuer of external tokens: checked against their {@code iss} claim, and
     *                      where the signing keys are discovered when no jwk-set-uri is given;
     *                      required with an external issuer
     * @param jwkSetUri     signing keys of external tokens
     * @param audience      external tokens must name it in their {@code aud} claim; required with
     *                      an external issuer
     * @param clients       clients of the built-in token endpoint {@code POST /oauth2/token}
     * @param tokenLifetime how long a token of the built-in endpoint is accepted
     * @param signingKey    RSA private key (PEM) signing the built-in endpoint's tokens; empty: a
     *                      key generated at start, valid on this instance only
     */
    public record OAuth2(
            URI issuerUri,
            URI jwkSetUri,
            String audience,
            @DefaultValue List<@Valid Client> clients,
            @DefaultValue("1h") Duration tokenLifetime,
            String signingKey) {

        boolean externalIssuer() {
            return issuerUri != null || jwkSetUri != null;
        }

        boolean builtInTokenEndpoint() {
            return !clients.isEmpty();
        }

        @AssertTrue(message = "bridge.tccc.push.auth.oauth2.audience applies to external tokens: "
                + "it needs issuer-uri or jwk-set-uri")
        public boolean isAudienceWithIssuer() {
            return !StringUtils.hasText(audience) || externalIssuer();
        }

        /** A key set alone vouches for every token it signs, also those issued for other services. */
        @AssertTrue(message = "an external authorization server needs both bridge.tccc.push.auth.oauth2.issuer-uri "
                + "and bridge.tccc.push.auth.oauth2.audience: without them any token its keys sign, for any "
                + "service, would open the push endpoint")
        public boolean isExternalIssuerPinned() {
            return !externalIssuer() || (issuerUri != null && StringUtils.hasText(audience));
        }

        @AssertTrue(message = "bridge.tccc.push.auth.oauth2.signing-key signs the built-in endpoint's tokens: "
                + "it needs bridge.tccc.push.auth.oauth2.clients")
        public boolean isSigningKeyWithClients() {
            return !StringUtils.hasText(signingKey) || builtInTokenEndpoint();
        }

        @AssertTrue(message = "bridge.tccc.push.auth.oauth2.token-lifetime must be positive")
        public boolean isTokenLifetimePositive() {
            return !tokenLifetime.isNegative() && !tokenLifetime.isZero();
        }

        boolean anySet() {
            return externalIssuer() || builtInTokenEndpoint() || StringUtils.hasText(audience)
                    || StringUtils.hasText(signingKey);
        }

        /** Never the signing key: records print their components. */
        @Override
        public String toString() {
            return "OAuth2[issuerUri=" + issuerUri + ", jwkSetUri=" + jwkSetUri + ", audience=" + audience
                    + ", clients=" + clients + ", tokenLifetime=" + tokenLifetime + "]";
        }
    }

    /** A client of the built-in token endpoint: the ClientID and ClientSecret entered in the TCCC console. */
    public record Client(@NotBlank String clientId, @NotBlank String clientSecret) {

        /** Never the secret: records print their components. */
        @Override
        public String toString() {
            return "Client[clientId=" + clientId + "]";
        }
    }
}
