package dev.tcccbridge.reconcile;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Reconciliation on PostgreSQL, the production database shared by several instances. */
@RequiresPostgres
class ReconcilePostgresTest extends ReconcileContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry);
        register(registry);
    }
}
