package dev.tcccbridge.desk;

import dev.tcccbridge.crm.CrmMode;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.model.Resilience4jConfigurationDefinition;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

@Configuration(proxyBeanMethods = false)
public class DeskConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DeskConfiguration.class);

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
        config.setTimeoutExecutorService("deskCrmLookups");
        return config;
    }

    /**
     * The threads CRM lookups run on while the callback waits at most the lookup timeout.
     * Bounded: when the CRM hangs, lookups queue (and time out into the fallback) or are refused
     * (the fallback at once) instead of piling up threads.
     */
    @Bean
    ExecutorService deskCrmLookups(DeskProperties properties) {
        int threads = properties.maxConcurrentLookups();
        CustomizableThreadFactory threadFactory = new CustomizableThreadFactory("desk-crm-lookup-");
        threadFactory.setDaemon(true);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(threads * 8), threadFactory);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /**
     * With Salesforce, logs in when the bridge starts, not at the first callback (whose time
     * budget a login would use up). The route itself does not start the component, so dry-run
     * needs no Salesforce settings.
     */
    @Bean
    CamelContextConfiguration deskCrmLogin(CrmMode crmMode) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                // nothing before the routes start
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
