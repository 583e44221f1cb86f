package dev.tcccbridge.bench;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The production database: the local PostgreSQL with synchronous commit. */
@RequiresPostgres
class PushIngressPostgresBenchmark extends PushIngressBenchmark {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
    }

    @Override
    String database() {
        return "PostgreSQL (local, synchronous commit)";
    }
}
