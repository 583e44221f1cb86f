package dev.tcccbridge.crm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
public class CrmConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CrmConfiguration.class);

    @Bean
    CrmMode crmMode(CrmProperties properties, ConfigurableEnvironment environment) {
        SalesforceSettings salesforce = SalesforceSettings.of(environment);
        CrmMode mode = CrmMode.resolve(properties, salesforce);
        if (mode == CrmMode.SALESFORCE) {
            LOG.info("CRM mode: salesforce");
        } else if (salesforce.anyPresent()) {
            LOG.warn("CRM mode: dry-run, as bridge.crm.mode says: the Salesforce settings are not used, requests are "
                    + "recorded, not sent");
        } else {
            LOG.info("CRM mode: dry-run (no Salesforce settings: requests are recorded, not sent)");
        }
        return mode;
    }

    /** {@code crm} in /actuator/health: the mode, so that a dry-run bridge is not taken for a sending one. */
    @Bean
    HealthIndicator crmHealthIndicator(CrmMode mode) {
        Health health = Health.up().withDetail("mode", mode == CrmMode.SALESFORCE ? "salesforce" : "dry-run").build();
        return () -> health;
    }
}
