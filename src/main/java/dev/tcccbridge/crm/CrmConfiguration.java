package dev.tcccbridge.crm;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

@Configuration(proxyBeanMethods = false)
public class CrmConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CrmConfiguration.class);
    static final String REQUEST_BUFFER = "camel.component.salesforce.http-request-buffer-size";
    /** camel-salesforce's own default. */
    static final int DEFAULT_REQUEST_BUFFER = 8192;
    /** A batch's longest query, and the request line and headers around it. */
    static final int MIN_REQUEST_BUFFER = SalesforceQueries.MAX_ENCODED_QUERY + 2288;

    @Bean
    CrmMode crmMode(CrmProperties properties, ConfigurableEnvironment environment) {
        SalesforceSettings salesforce = SalesforceSettings.of(environment);
        CrmMode mode = CrmMode.resolve(properties, salesforce);
        Integer buffer = environment.getProperty(REQUEST_BUFFER, Integer.class, DEFAULT_REQUEST_BUFFER);
        if (mode == CrmMode.SALESFORCE && buffer < MIN_REQUEST_BUFFER) {
            // camel-salesforce would refuse a batch's query as "Request headers too large"
            throw new IllegalStateException(REQUEST_BUFFER + " must be at least " + MIN_REQUEST_BUFFER
                    + " (bytes): the bridge's batched lookups send up to " + SalesforceQueries.MAX_ENCODED_QUERY
                    + " characters of query in the URI; it is " + buffer);
        }
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
}
