package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Dry-run only when no Salesforce connection setting is there at all, or when asked for; a
 * connection that is half there (or misspelt) stops the start and names the keys.
 */
class CrmModeTest {

    private static final Map<String, Object> USERNAME_PASSWORD = Map.of(
            "camel.component.salesforce.client-id", "3MVG9...",
            "camel.component.salesforce.client-secret", "secret",
            "camel.component.salesforce.user-name", "integration@example.com",
            "camel.component.salesforce.password", "pw");

    @Test
    void noSalesforceSettingAtAllIsDryRun() {
        assertThat(mode(Map.of(), null)).isEqualTo(CrmMode.DRY_RUN);
        // the shipped application.yaml sets lazy-login: behaviour, not a connection
        assertThat(mode(Map.of("camel.component.salesforce.lazy-login", "true",
                "camel.component.salesforce.api-version", "62.0"), null)).isEqualTo(CrmMode.DRY_RUN);
    }

    @Test
    void aCompleteConnectionIsSalesforce() {
        assertThat(mode(USERNAME_PASSWORD, null)).isEqualTo(CrmMode.SALESFORCE);
        assertThat(mode(Map.of("camel.component.salesforce.clientId", "id", "camel.component.salesforce.clientSecret",
                "s", "camel.component.salesforce.authentication-type", "client_credentials"), null))
                .isEqualTo(CrmMode.SALESFORCE);
    }

    @Test
    void aClientIdWithoutSecretStopsTheStartNamingTheMissingKey() {
        assertThatThrownBy(() -> mode(Map.of("camel.component.salesforce.client-id", "3MVG9..."), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lacks camel.component.salesforce.client-secret")
                .hasMessageContaining("bridge.crm.mode=dry-run");
    }

    @Test
    void aMisspeltKeyIsNamed() {
        Map<String, Object> misspelt = new HashMap<>(USERNAME_PASSWORD);
        misspelt.remove("camel.component.salesforce.client-secret");
        misspelt.put("camel.component.salesforce.client-secrett", "secret");

        assertThatThrownBy(() -> mode(misspelt, null))
                .hasMessageContaining("camel.component.salesforce.client-secrett is not a setting of the Salesforce component")
                .hasMessageContaining("(USERNAME_PASSWORD) lacks camel.component.salesforce.client-secret");
    }

    @Test
    void environmentVariablesCountLikeKeys() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "CAMEL_COMPONENT_SALESFORCE_CLIENTID", "id", "CAMEL_COMPONENT_SALESFORCE_USERNAME", "u@example.com",
                "CAMEL_COMPONENT_SALESFORCE_PASSWORD", "pw")));

        assertThatThrownBy(() -> CrmMode.resolve(properties(null), SalesforceSettings.of(environment)))
                .hasMessageContaining("lacks camel.component.salesforce.client-secret");
    }

    @Test
    void theChosenMethodDecidesWhatIsRequired() {
        assertThatThrownBy(() -> mode(Map.of("camel.component.salesforce.authentication-type", "JWT",
                "camel.component.salesforce.client-id", "id", "camel.component.salesforce.user-name", "u"), null))
                .hasMessageContaining("(JWT) lacks camel.component.salesforce.keystore");
        assertThatThrownBy(() -> mode(Map.of("camel.component.salesforce.authentication-type", "SAML"), null))
                .hasMessageContaining("authentication-type 'SAML' is none of");
    }

    @Test
    void dryRunAsked() {
        assertThat(mode(Map.of("camel.component.salesforce.client-id", "3MVG9..."), "dry-run")).isEqualTo(CrmMode.DRY_RUN);
    }

    @Test
    void salesforceAskedWithoutAnyConnection() {
        assertThatThrownBy(() -> mode(Map.of(), "salesforce"))
                .hasMessageContaining("lacks camel.component.salesforce.client-id, camel.component.salesforce.client-secret");
    }

    @Test
    void theBridgeDoesNotStartWithHalfAConnection() {
        new ApplicationContextRunner()
                .withUserConfiguration(Bound.class, CrmConfiguration.class)
                .withPropertyValues("camel.component.salesforce.client-id=3MVG9...",
                        "camel.component.salesforce.user-name=integration@example.com")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("camel.component.salesforce.client-secret"));
    }

    @EnableConfigurationProperties(CrmProperties.class)
    static class Bound {
    }

    private static CrmMode mode(Map<String, Object> settings, String mode) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("settings", settings));
        return CrmMode.resolve(properties(mode), SalesforceSettings.of(environment));
    }

    private static CrmProperties properties(String mode) {
        return new CrmProperties(mode, null, java.time.ZoneId.of("UTC"), "CN",
                new CrmProperties.Cache(java.time.Duration.ofMinutes(15), 10), new CrmProperties.Salesforce("Task",
                "TCCC_Session_Id__c", java.util.List.of()));
    }
}
