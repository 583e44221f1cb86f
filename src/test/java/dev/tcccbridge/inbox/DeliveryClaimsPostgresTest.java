package dev.tcccbridge.inbox;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;

/** Claims on PostgreSQL, where several instances share one database. */
@RequiresPostgres
class DeliveryClaimsPostgresTest extends DeliveryClaimsContract {

    @Override
    String newDatabaseUrl() {
        return TestDatabases.postgresUrl();
    }

    @Override
    String user() {
        return TestDatabases.postgresUser();
    }

    @Override
    String password() {
        return TestDatabases.postgresPassword();
    }
}
