package dev.tcccbridge.schedule;

import dev.tcccbridge.inbox.DeliveryWorker;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
public class ScheduleConfiguration {

    /** The locks of the scheduled jobs (reconciliation, retention, the archive sweep), held by this instance. */
    @Bean
    SchedulerLock schedulerLock(JdbcTemplate jdbc, Clock clock, DeliveryWorker instance) {
        return new SchedulerLock(jdbc, clock, instance.id());
    }
}
