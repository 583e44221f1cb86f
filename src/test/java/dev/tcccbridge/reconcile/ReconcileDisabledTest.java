package dev.tcccbridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tcccbridge.testing.Bridge;
import dev.tcccbridge.testing.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The default: no reconciliation, and no API settings needed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReconcileDisabledTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        Bridge.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CamelContext camel;

    @Test
    void theRouteDoesNotRunAndAnOperatorIsToldWhy() {
        assertThat(camel.getRouteController().getRouteStatus("reconcile")).isNotEqualTo(ServiceStatus.Started);

        var answer = new Bridge(port, jdbc).admin("POST", "/admin/reconcile");

        assertThat(answer.statusCode()).isEqualTo(409);
        assertThat(answer.body()).contains("bridge.reconcile.enabled");
    }
}
