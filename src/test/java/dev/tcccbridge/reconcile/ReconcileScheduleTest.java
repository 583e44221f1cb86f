package dev.tcccbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tcccbridge.testing.TestDatabases;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Enabled, the reconcile route runs by itself after bridge.reconcile.initial-delay. */
@SpringBootTest
class ReconcileScheduleTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        ReconcileContract.register(registry);
        registry.add("bridge.reconcile.initial-delay", () -> "200ms");
        // the stub answers before the context (and its scheduler) starts
        ReconcileContract.TCCC_API.resetAll();
        try {
            ReconcileContract.serveCdrs(ReconcileContract.cdr("s-scheduled"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Test
    void theScheduledRunFeedsTheInbox() {
        assertThat(camel.getRouteController().getRouteStatus("reconcile")).isEqualTo(ServiceStatus.Started);

        await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM tccc_inbox WHERE push_id = 'reconcile:cdr:s-scheduled'", Integer.class) == 1);
    }
}
