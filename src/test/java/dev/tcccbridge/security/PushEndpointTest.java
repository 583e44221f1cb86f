package dev.tcccbridge.security;

import dev.tcccbridge.testing.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The running bridge on a private H2 database, and a client for it; each test starts with empty tables. */
abstract class PushEndpointTest {

    @DynamicPropertySource
    static void db(DynamicPropertyRegistry r) {
        TestDatabases.h2(r);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    PushClient client;

    @BeforeEach
    void connect() {
        client = new PushClient(port, jdbc);
        client.clearTables();
    }
}
