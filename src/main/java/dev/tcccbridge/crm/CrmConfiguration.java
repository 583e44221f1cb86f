package dev.tcccbridge.crm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
public class CrmConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CrmConfiguration.class);

    @Bean
    CrmMode crmMode(CrmProperties properties, Environment environment) {
        CrmMode mode = CrmMode.resolve(properties, environment);
        LOG.info("CRM mode: {}", mode == CrmMode.SALESFORCE ? "salesforce"
                : "dry-run (requests are recorded, not sent; set Salesforce credentials to send them)");
        return mode;
    }
}
