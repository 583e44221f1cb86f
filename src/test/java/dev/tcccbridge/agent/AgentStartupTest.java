package dev.tcccbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcccbridge.tcccapi.TcccApiProperties;
import dev.tcccbridge.tccc.TcccProperties;
import dev.tcccbridge.testing.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/** With the workspace on, start-up fails naming what is missing. */
class AgentStartupTest {

    static final AgentProperties ON = Settings.bind("bridge.agent", AgentProperties.class,
            Map.of("bridge.agent.enabled", "true"));

    @Test
    void anOpenIdConnectClientIsNeeded() {
        assertThatThrownBy(() -> AgentSecurityConfiguration.registration(ON, null))
                .hasMessageContaining("spring.security.oauth2.client.registration.<id>.client-id")
                .hasMessageContaining("issuer-uri");
    }

    @Test
    void withSeveralClientsTheOneForAgentsIsNamed() {
        var two = new InMemoryClientRegistrationRepository(registration("okta"), registration("salesforce"));

        assertThatThrownBy(() -> AgentSecurityConfiguration.registration(ON, two))
                .hasMessageContaining("bridge.agent.registration-id");
        AgentProperties named = Settings.bind("bridge.agent", AgentProperties.class,
                Map.of("bridge.agent.enabled", "true", "bridge.agent.registration-id", "salesforce"));
        assertThat(AgentSecurityConfiguration.registration(named, two).getRegistrationId()).isEqualTo("salesforce");
        AgentProperties wrong = Settings.bind("bridge.agent", AgentProperties.class,
                Map.of("bridge.agent.enabled", "true", "bridge.agent.registration-id", "entra"));
        assertThatThrownBy(() -> AgentSecurityConfiguration.registration(wrong, two))
                .hasMessageContaining("spring.security.oauth2.client.registration.entra is not configured");
    }

    @Test
    void theTcccApplicationAndApiKeyAreNeeded() {
        TcccApiProperties key = new TcccApiProperties("ccc.tencentcloudapi.com", null, "AKID", "secret",
                java.time.Duration.ofSeconds(5));
        TcccApiProperties noKey = new TcccApiProperties("ccc.tencentcloudapi.com", null, "AKID", " ",
                java.time.Duration.ofSeconds(5));
        TcccProperties app = Settings.bind("bridge.tccc", TcccProperties.class, Map.of("bridge.tccc.sdk-app-id", "1400000042"));
        TcccProperties noApp = Settings.bind("bridge.tccc", TcccProperties.class, Map.of());

        assertThatThrownBy(() -> AgentConfiguration.check(noApp, key)).hasMessageContaining("bridge.tccc.sdk-app-id");
        assertThatThrownBy(() -> AgentConfiguration.check(app, noKey)).hasMessageContaining("bridge.tccc.api.secret-key");
        AgentConfiguration.check(app, key);
    }

    private static ClientRegistration registration(String id) {
        return ClientRegistration.withRegistrationId(id).clientId("bridge").clientSecret("s")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .authorizationUri("https://idp.example/authorize").tokenUri("https://idp.example/token")
                .scope("openid").build();
    }
}
