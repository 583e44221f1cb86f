package dev.tcccbridge.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Start-up checks of the CRM settings. */
class CrmConfigurationTest {

    @Test
    void salesforceNeedsARequestBufferTheBatchedLookupsFitIn() {
        CrmProperties properties = CdrToTaskTest.properties("UTC");
        MockEnvironment shipped = connection().withProperty("camel.component.salesforce.http-request-buffer-size", "16384");
        MockEnvironment componentDefault = connection();
        CrmProperties salesforce = new CrmProperties("salesforce", null, properties.timeZone(), "CN",
                properties.cache(), properties.salesforce());

        assertThat(new CrmConfiguration().crmMode(salesforce, shipped)).isEqualTo(CrmMode.SALESFORCE);
        assertThatThrownBy(() -> new CrmConfiguration().crmMode(salesforce, componentDefault))
                .hasMessageContaining("camel.component.salesforce.http-request-buffer-size must be at least 12288");
        // dry-run sends nothing
        assertThat(new CrmConfiguration().crmMode(properties, new MockEnvironment())).isEqualTo(CrmMode.DRY_RUN);
    }

    /** A complete username-password connection. */
    private static MockEnvironment connection() {
        return new MockEnvironment()
                .withProperty("camel.component.salesforce.login-url", "https://login.salesforce.com")
                .withProperty("camel.component.salesforce.client-id", "id")
                .withProperty("camel.component.salesforce.client-secret", "secret")
                .withProperty("camel.component.salesforce.user-name", "integration@example.com")
                .withProperty("camel.component.salesforce.password", "password");
    }
}
