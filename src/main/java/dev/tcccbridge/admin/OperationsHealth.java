package dev.tcccbridge.admin;

import dev.tcccbridge.crm.SalesforceApiAllowance;
import org.apache.camel.CamelContext;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code crm} and {@code mail} in {@code /actuator/health}: reported, but not part of the readiness group
 * ({@code management.endpoint.health.group.readiness}): a Salesforce or mail server that is down makes
 * rows wait in the inbox, it is no reason to stop taking pushes.
 */
@Configuration(proxyBeanMethods = false)
public class OperationsHealth {

    /**
     * {@code routes}, part of the readiness group: UP while Camel's routes run, OUT_OF_SERVICE before they
     * start (Tomcat takes requests a moment earlier) and once they stop.
     */
    @Bean
    HealthIndicator routesHealthIndicator(CamelContext camel) {
        return () -> {
            boolean running = camel.isStarted();
            return (running ? Health.up() : Health.outOfService())
                    .withDetail("routes", camel.getRoutesSize())
                    .withDetail("camel", camel.getStatus().name().toLowerCase(java.util.Locale.ROOT)).build();
        };
    }

    /** DOWN while the circuit breaker keeps Desk lookups from the CRM, or the allowance is used up. */
    @Bean
    HealthIndicator crmHealthIndicator(CrmConnection crm) {
        return () -> {
            String circuit = crm.circuitBreaker();
            SalesforceApiAllowance.Snapshot api = crm.allowance();
            boolean down = crm.salesforce() && ("OPEN".equals(circuit) || api.pace() == SalesforceApiAllowance.Pace.PAUSED);
            Health.Builder health = down ? Health.down() : Health.up();
            health.withDetail("mode", crm.salesforce() ? "salesforce" : "dry-run").withDetail("circuitBreaker", circuit);
            if (crm.salesforce()) {
                health.withDetail("apiPace", api.pace().name().toLowerCase(java.util.Locale.ROOT));
                if (api.usageRatio() != null) {
                    health.withDetail("apiUsed", api.used()).withDetail("apiAllowance", api.allowance());
                }
            }
            return health.build();
        };
    }

    @Bean
    HealthIndicator mailHealthIndicator(MailConnection mail) {
        return () -> {
            MailConnection.Check check = mail.check();
            return (check.up() ? Health.up() : Health.down()).withDetail("detail", check.detail()).build();
        };
    }
}
