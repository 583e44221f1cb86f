package dev.tcccbridge.inbox;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DeliveryConfiguration {

    @Bean
    Backoff deliveryBackoff(DeliveryProperties properties) {
        return Backoff.of(properties);
    }

    @Bean
    DeliveryWorker deliveryWorker() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String id = host + "/" + ProcessHandle.current().pid() + "/" + UUID.randomUUID().toString().substring(0, 8);
        return new DeliveryWorker(id.length() > 100 ? id.substring(id.length() - 100) : id);
    }

    /**
     * The threads that run the pipelines of one claim: a Camel thread pool profile the delivery
     * route's split names ({@code executorService: deliveryWorkers}). A profile, not an executor
     * bean, so that Spring keeps its own task executor (platform-http needs it).
     */
    @Bean
    CamelContextConfiguration deliveryWorkersProfile(DeliveryProperties properties) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                ThreadPoolProfile profile = new ThreadPoolProfileBuilder("deliveryWorkers")
                        .poolSize(properties.workers())
                        .maxPoolSize(properties.workers())
                        .maxQueueSize(-1)
                        .build();
                camelContext.getExecutorServiceManager().registerThreadPoolProfile(profile);
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
                // nothing to do once started
            }
        };
    }
}
