package dev.tcccbridge.tcccapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

@Configuration(proxyBeanMethods = false)
public class TcccApiConfiguration {

    /** One signed client for every feature that calls the TCCC API; made only when one asks for it. */
    @Bean
    @Lazy
    TcccApiClient tcccApiClient(TcccApiProperties api, ObjectMapper objectMapper) {
        return new TcccApiClient(api, objectMapper);
    }
}
