package dev.tcccbridge.reconcile;

import dev.tcccbridge.testing.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Reconciliation on H2, the embedded default. */
class ReconcileH2Test extends ReconcileContract {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDatabases.h2(registry);
        register(registry);
    }
}
