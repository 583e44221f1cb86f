package dev.tcccbridge.inbox;

import dev.tcccbridge.testing.TestDatabases;

/** Claims on H2 in PostgreSQL mode, the embedded default. */
class DeliveryClaimsH2Test extends DeliveryClaimsContract {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.h2Url();
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return "";
    }
}
