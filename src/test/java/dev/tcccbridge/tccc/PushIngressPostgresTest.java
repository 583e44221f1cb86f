package dev.tcccbridge.tccc;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The push contract on PostgreSQL, the production database. */
@RequiresPostgres
class PushIngressPostgresTest extends PushIngressContract {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }
}
