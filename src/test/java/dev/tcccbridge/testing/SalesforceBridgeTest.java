package dev.tcccbridge.testing;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The base of end-to-end tests that push over HTTP and watch delivery reach Salesforce: the
 * bridge on H2 with fast delivery ({@link Bridge#register}), camel-salesforce pointed at the
 * {@link SalesforceStub}, which finds no users or customers unless a test says otherwise
 * ({@link #directory}), and which
 * keeps the records upserts write ({@code SALESFORCE.records()}). Subclasses may narrow {@code @SpringBootTest} with their own properties.
 *
 * <p>One stub serves the whole test run: test classes with the same settings share one Spring
 * context, which points at it. It is reset before every test.
 */
@CamelSpringBootTest
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SalesforceBridgeTest {

    protected static final SalesforceStub SALESFORCE = new SalesforceStub();

    @DynamicPropertySource
    static void bridgeWithSalesforce(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        SALESFORCE.register(registry);
        Bridge.register(registry);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Bridge bridge;

    protected final SalesforceDirectory directory = SALESFORCE.directory();

    @BeforeEach
    void resetSalesforce() {
        bridge = new Bridge(port, jdbc);
        SALESFORCE.resetRequests();
    }
}
