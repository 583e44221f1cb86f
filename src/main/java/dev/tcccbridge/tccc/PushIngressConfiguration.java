package dev.tcccbridge.tccc;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tcccbridge.http.BoundedJsonBodyFilter;
import dev.tcccbridge.http.RequestPool;
import dev.tcccbridge.http.RequestPoolProperties;
import dev.tcccbridge.http.RoutesRunningFilter;
import dev.tcccbridge.inbox.PushIdRepository;
import java.io.IOException;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class PushIngressConfiguration {

    /** How the push endpoint refuses before its route: in TCCC's format, {@code {"ErrCode":..,"ErrMsg":..}}. */
    static final BoundedJsonBodyFilter.Refusals REFUSALS = (status, message) -> PushAnswer.refused(switch (status) {
        case 400 -> PushError.MALFORMED_JSON;
        case 413 -> PushError.BODY_TOO_LARGE;
        case 415 -> PushError.UNSUPPORTED_MEDIA_TYPE;
        default -> PushError.NOT_READY;
    }, message);

    /** The idempotent repository the push route names; keys live in camel_messageprocessed. */
    @Bean
    PushIdRepository pushIdRepository(DataSource dataSource) {
        return new PushIdRepository(dataSource, "tccc-push");
    }

    @Bean
    FilterRegistrationBean<BoundedJsonBodyFilter> pushBodyFilter(TcccProperties properties, ObjectMapper objectMapper) {
        return BoundedJsonBodyFilter.on(properties.push().path(), properties.push().maxBodyBytes(), REFUSALS,
                objectMapper);
    }

    /** 503 instead of Spring's 404 while the push route is not running: TCCC retries it. */
    @Bean
    FilterRegistrationBean<RoutesRunningFilter> pushRoutesRunning(TcccProperties properties, CamelContext camel,
                                                                  ObjectMapper objectMapper) throws IOException {
        return RoutesRunningFilter.on(properties.push().path(), camel, REFUSALS, objectMapper);
    }

    /** Pushes run on their own threads: nothing else can delay an acknowledgement. */
    @Bean
    RequestPool pushRequestPool(TcccProperties properties, RequestPoolProperties pools, ObjectMapper objectMapper) {
        return new RequestPool("push", properties.push().path(), pools.push(), REFUSALS, objectMapper);
    }
}
