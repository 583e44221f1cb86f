package dev.tcccbridge.crm;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
public class CrmConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CrmConfiguration.class);

    /** Every call to a salesforce: endpoint is seen by {@link SalesforceApiCalls}. */
    @Bean
    CamelContextConfiguration salesforceApiCallsNotifier(SalesforceApiCalls calls) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                if (!camelContext.getManagementStrategy().getEventNotifiers().contains(calls)) {
                    camelContext.getManagementStrategy().addEventNotifier(calls);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }

    @Bean
    CrmMode crmMode(CrmProperties properties, Environment environment) {
        CrmMode mode = CrmMode.resolve(properties, environment);
        LOG.info("CRM mode: {}", mode == CrmMode.SALESFORCE ? "salesforce"
                : "dry-run (requests are recorded, not sent; set Salesforce credentials to send them)");
        return mode;
    }
}
