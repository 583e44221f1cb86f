package dev.tcccbridge.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands each platform-http request to the {@link RequestPool} of its route's path instead of
 * the one executor camel-platform-http would share between all routes (Spring's, with an
 * unbounded queue). The push and Desk pools are declared by their features; {@code other}
 * serves every remaining route.
 */
@Configuration(proxyBeanMethods = false)
public class RequestPoolsConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(RequestPoolsConfiguration.class);

    /** {@code /admin/**} and any other route, answered 503 {@code {"error": ..}} when busy. */
    @Bean
    RequestPool otherRequestPool(RequestPoolProperties properties, ObjectMapper objectMapper) {
        return new RequestPool("http", null, properties.other(), (status, message) -> Map.of("error", message),
                objectMapper);
    }

    /** Under the name camel-platform-http looks its engine up by, in place of the starter's. */
    @Bean("platform-http-engine")
    PlatformHttpEngine platformHttpEngine(@Value("${server.port:8080}") int port, List<RequestPool> pools,
                                          RequestPool otherRequestPool) {
        return new SpringBootPlatformHttpEngine(port, otherRequestPool.executor()) {
            @Override
            public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
                RequestPool pool = pools.stream().filter(p -> p.serves(endpoint.getPath())).findFirst()
                        .orElse(otherRequestPool);
                LOG.debug("route at {} runs on the {} request pool", endpoint.getPath(), pool.name());
                return new PooledConsumer(endpoint, processor, pool);
            }
        };
    }

    /** camel-platform-http's consumer on a bounded pool: a request it cannot take is refused, not queued without end. */
    static final class PooledConsumer extends SpringBootPlatformHttpConsumer {

        private final RequestPool pool;

        PooledConsumer(PlatformHttpEndpoint endpoint, Processor processor, RequestPool pool) {
            super(endpoint, processor, pool.executor());
            this.pool = pool;
        }

        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                return super.service(request, response);
            } catch (RejectedExecutionException busy) {
                try {
                    pool.refuse(response);
                } catch (IOException e) {
                    LOG.debug("the busy answer could not be written: {}", e.toString());
                }
                return CompletableFuture.completedFuture(null);
            }
        }
    }
}
