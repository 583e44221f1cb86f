package dev.tcccbridge.tccc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.http.BoundedJsonBodyFilter;
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
    FilterRegistrationBean<BoundedJsonBodyFilter> pushBodyFilter(TcccProperties properties, ObjectMapper objectMapper) {
        return BoundedJsonBodyFilter.on(properties.push().path(), properties.push().maxBodyBytes(),
                (status, message) -> PushAnswer.refused(
                        status == 413 ? PushError.BODY_TOO_LARGE : PushError.UNSUPPORTED_MEDIA_TYPE, message),
                objectMapper);
    }
}
