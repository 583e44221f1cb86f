package dev.tcccbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Start-up refuses an authentication set-up that would not do what its author meant. */
class PushAuthPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({PushAuthProperties.class, AdminAuthProperties.class})
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void modeNoneIsTheDefault() {
        runner.run(context -> assertThat(context.getBean(PushAuthProperties.class).mode())
                .isEqualTo(PushAuthProperties.Mode.NONE));
    }

    @Test
    void modeIsReadInAnyCase() {
        runner.withPropertyValues("bridge.tccc.push.auth.mode=OAuth2",
                        "bridge.tccc.push.auth.oauth2.issuer-uri=https://login.example.test",
                        "bridge.tccc.push.auth.oauth2.audience=tccc-bridge")
                .run(context -> assertThat(context.getBean(PushAuthProperties.class).mode())
                        .isEqualTo(PushAuthProperties.Mode.OAUTH2));
    }

    @Test
    void tokenLifetimeIsOneHourByDefault() {
        runner.withPropertyValues("bridge.tccc.push.auth.mode=oauth2",
                        "bridge.tccc.push.auth.oauth2.clients[0].client-id=tccc",
                        "bridge.tccc.push.auth.oauth2.clients[0].client-secret=s")
                .run(context -> assertThat(context.getBean(PushAuthProperties.class).oauth2().tokenLifetime())
                        .hasHours(1));
    }

    @Test
    void basicWithoutPasswordFailsNamingTheKey() {
        assertStartupFails("bridge.tccc.push.auth.basic.password",
                "bridge.tccc.push.auth.mode=basic", "bridge.tccc.push.auth.basic.username=tccc");
    }

    @Test
    void oauth2WithoutAnIssuerFailsNamingTheKeys() {
        assertStartupFails("bridge.tccc.push.auth.oauth2.issuer-uri", "bridge.tccc.push.auth.mode=oauth2");
    }

    @Test
    void clientWithoutSecretFailsNamingTheKey() {
        assertStartupFails("clients[0].clientSecret", "bridge.tccc.push.auth.mode=oauth2",
                "bridge.tccc.push.auth.oauth2.clients[0].client-id=tccc");
    }

    @Test
    void credentialsThatModeNoneWouldIgnoreFailStartup() {
        assertStartupFails("bridge.tccc.push.auth.mode is not basic",
                "bridge.tccc.push.auth.basic.username=tccc", "bridge.tccc.push.auth.basic.password=secret");
        assertStartupFails("bridge.tccc.push.auth.mode is not oauth2",
                "bridge.tccc.push.auth.oauth2.clients[0].client-id=tccc",
                "bridge.tccc.push.auth.oauth2.clients[0].client-secret=secret");
    }

    @Test
    void audienceWithoutAnExternalIssuerFails() {
        assertStartupFails("bridge.tccc.push.auth.oauth2.audience", "bridge.tccc.push.auth.mode=oauth2",
                "bridge.tccc.push.auth.oauth2.audience=tccc-bridge",
                "bridge.tccc.push.auth.oauth2.clients[0].client-id=tccc",
                "bridge.tccc.push.auth.oauth2.clients[0].client-secret=s");
    }

    @Test
    void aKeySetAloneWouldAcceptTokensIssuedForAnyServiceAndFails() {
        assertStartupFails("needs both bridge.tccc.push.auth.oauth2.issuer-uri and bridge.tccc.push.auth.oauth2.audience",
                "bridge.tccc.push.auth.mode=oauth2",
                "bridge.tccc.push.auth.oauth2.jwk-set-uri=https://login.example.com/certs");
    }

    @Test
    void anExternalIssuerWithoutAudienceFails() {
        assertStartupFails("bridge.tccc.push.auth.oauth2.audience", "bridge.tccc.push.auth.mode=oauth2",
                "bridge.tccc.push.auth.oauth2.issuer-uri=https://login.example.com/realms/tccc",
                "bridge.tccc.push.auth.oauth2.jwk-set-uri=https://login.example.com/certs");
        assertStartupFails("bridge.tccc.push.auth.oauth2.issuer-uri", "bridge.tccc.push.auth.mode=oauth2",
                "bridge.tccc.push.auth.oauth2.jwk-set-uri=https://login.example.com/certs",
                "bridge.tccc.push.auth.oauth2.audience=tccc-bridge");
    }

    @Test
    void anExternalIssuerWithIssuerAndAudienceStarts() {
        runner.withPropertyValues("bridge.tccc.push.auth.mode=oauth2",
                        "bridge.tccc.push.auth.oauth2.issuer-uri=https://login.example.com/realms/tccc",
                        "bridge.tccc.push.auth.oauth2.audience=tccc-bridge")
                .run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void adminUsernameWithoutPasswordFails() {
        assertStartupFails("bridge.admin.password", "bridge.admin.username=operator");
    }

    @Test
    void secretsAreNotPrinted() {
        runner.withPropertyValues("bridge.tccc.push.auth.mode=basic", "bridge.tccc.push.auth.basic.username=tccc",
                        "bridge.tccc.push.auth.basic.password=very-secret", "bridge.admin.username=operator",
                        "bridge.admin.password=also-secret")
                .run(context -> {
                    assertThat(context.getBean(PushAuthProperties.class).toString()).doesNotContain("very-secret");
                    assertThat(context.getBean(AdminAuthProperties.class).toString()).doesNotContain("also-secret");
                });
    }

    private void assertStartupFails(String message, String... properties) {
        runner.withPropertyValues(properties).run(context -> assertThat(context).getFailure()
                .rootCause().hasMessageContaining(message));
    }
}
