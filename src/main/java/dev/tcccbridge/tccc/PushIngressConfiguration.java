package dev.tcccbridge.tccc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.inbox.PushIdRepository;
import javax.sql.DataSource;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PushIngressConfiguration {

    /** The idempotent repository the push route names; keys live in camel_messageprocessed. */
    @Bean
    PushIdRepository pushIdRepository(DataSource dataSource) {
        return new PushIdRepository(dataSource, "tccc-push");
    }

    @Bean
    FilterRegistrationBean<PushRequestGuard> pushRequestGuard(TcccProperties properties, ObjectMapper objectMapper) {
        FilterRegistrationBean<PushRequestGuard> registration =
                new FilterRegistrationBean<>(new PushRequestGuard(properties.push().maxBodyBytes().toBytes(), objectMapper));
        registration.addUrlPatterns(properties.push().path());
        return registration;
    }
}
