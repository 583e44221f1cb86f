package dev.tcccbridge.agent;

import dev.tcccbridge.tcccapi.TcccApiClient;
import dev.tcccbridge.tcccapi.TcccApiProperties;
import dev.tcccbridge.tccc.TcccProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AgentConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConfiguration.class);

    @Bean
    AgentSeats agentSeats(AgentProperties agent) {
        return new AgentSeats(agent);
    }

    @Bean
    AllowedOrigins agentAllowedOrigins(AgentProperties agent) {
        return new AllowedOrigins(agent.salesforceOrigins());
    }

    /** Only with the workspace on; then start-up fails naming what is missing. */
    @Bean
    @ConditionalOnProperty(name = "bridge.agent.enabled", havingValue = "true")
    SdkLogins sdkLogins(TcccProperties tccc, TcccApiProperties api, ObjectProvider<TcccApiClient> client) {
        check(tccc, api);
        LOG.info("agent workspace on at /agent/: SDK logins for TCCC application {} through {}", tccc.sdkAppId(),
                api.endpoint());
        return new SdkLogins(client::getObject, tccc.sdkAppId());
    }

    /** The workspace cannot mint a login without these. */
    static void check(TcccProperties tccc, TcccApiProperties api) {
        if (tccc.sdkAppId() == null) {
            throw new IllegalStateException("bridge.agent.enabled is true, but bridge.tccc.sdk-app-id is not set"
                    + " (CreateSDKLoginToken is asked for one SdkAppId)");
        }
        if (api.secretId() == null || api.secretId().isBlank()) {
            throw new IllegalStateException("bridge.agent.enabled is true, but bridge.tccc.api.secret-id is not set");
        }
        if (api.secretKey() == null || api.secretKey().isBlank()) {
            throw new IllegalStateException("bridge.agent.enabled is true, but bridge.tccc.api.secret-key is not set");
        }
    }
}
