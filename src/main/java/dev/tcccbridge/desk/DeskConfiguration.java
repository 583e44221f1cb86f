package dev.tcccbridge.desk;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.crm.CrmMode;
import dev.tcccbridge.http.BoundedJsonBodyFilter;
import dev.tcccbridge.http.RequestPool;
import dev.tcccbridge.http.RequestPoolProperties;
import dev.tcccbridge.http.RoutesRunningFilter;
import java.io.IOException;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DeskConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DeskConfiguration.class);

    /** The Camel thread pool profile CRM lookups run on. */
    static final String LOOKUP_THREADS = "deskCrmLookups";

    /** How the callback endpoint refuses before its route: in Desk's format. */
    static final BoundedJsonBodyFilter.Refusals REFUSALS = (status, message) -> DeskAnswer.refused(switch (status) {
        case 400 -> DeskError.MALFORMED_JSON;
        case 413 -> DeskError.BODY_TOO_LARGE;
        case 415 -> DeskError.NOT_JSON;
        default -> DeskError.UNAVAILABLE;
    }, message);

    /** Oversized and form bodies are refused before the route, in Desk's answer format. */
    @Bean
    FilterRegistrationBean<BoundedJsonBodyFilter> deskBodyFilter(DeskProperties properties, ObjectMapper objectMapper) {
        return BoundedJsonBodyFilter.on(properties.path(), properties.maxBodyBytes(), REFUSALS, objectMapper);
    }

    /** 503 instead of Spring's 404 while the callback route is not running: Desk routes the chat itself. */
    @Bean
    FilterRegistrationBean<RoutesRunningFilter> deskRoutesRunning(DeskProperties properties, CamelContext camel,
                                                                  ObjectMapper objectMapper) throws IOException {
        return RoutesRunningFilter.on(properties.path(), camel, REFUSALS, objectMapper);
    }

    /** Callbacks run on their own threads: a burst of them cannot delay TCCC's pushes. */
    @Bean
    RequestPool deskRequestPool(DeskProperties properties, RequestPoolProperties pools, ObjectMapper objectMapper) {
        return new RequestPool("desk", properties.path(), pools.desk(), REFUSALS, objectMapper);
    }

    /** The circuit breaker of the CRM lookup ({@code configuration: deskCrmCircuitBreaker} in the route). */
    @Bean
    Resilience4jConfigurationDefinition deskCrmCircuitBreaker(DeskProperties properties) {
        DeskProperties.CircuitBreaker breaker = properties.circuitBreaker();
        Resilience4jConfigurationDefinition config = new Resilience4jConfigurationDefinition();
        config.setFailureRateThreshold(Float.toString(breaker.failureRateThreshold()));
        config.setMinimumNumberOfCalls(Integer.toString(breaker.minimumNumberOfCalls()));
        config.setSlidingWindowSize(Integer.toString(breaker.slidingWindowSize()));
        config.setWaitDurationInOpenState(Long.toString(breaker.waitDurationInOpenState().toSeconds()));
        config.setTimeoutEnabled("true");
        config.setTimeoutDuration(Long.toString(properties.lookupTimeout().toMillis()));
        config.setTimeoutExecutorService(LOOKUP_THREADS);
        return config;
    }

    /**
     * The lookup threads, and with Salesforce a login when the bridge starts, not at the first
     * callback (whose time budget a login would use up). The route itself does not start the
     * component, so dry-run needs no Salesforce settings.
     */
    @Bean
    CamelContextConfiguration deskCrmLookups(CrmMode crmMode, DeskProperties properties) {
        return new CamelContextConfiguration() {
            /**
             * The threads CRM lookups run on while the callback waits at most the lookup timeout.
             * Bounded: when the CRM hangs, lookups queue (and time out into the fallback) or are
             * refused (the fallback at once) instead of piling up threads.
             */
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                int threads = properties.maxConcurrentLookups();
                ThreadPoolProfile lookups = new ThreadPoolProfile(LOOKUP_THREADS);
                lookups.setPoolSize(threads);
                lookups.setMaxPoolSize(threads);
                lookups.setMaxQueueSize(threads * 8);
                lookups.setKeepAliveTime(60L);
                lookups.setAllowCoreThreadTimeOut(true);
                lookups.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
                camelContext.getExecutorServiceManager().registerThreadPoolProfile(lookups);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                if (crmMode != CrmMode.SALESFORCE) {
                    return;
                }
                try {
                    camelContext.getComponent("salesforce", true, true);
                } catch (RuntimeException e) {
                    LOG.error("Salesforce login failed at start-up; Desk callbacks get the fallback answer "
                            + "until the CRM answers", e);
                }
            }
        };
    }
}
