package dev.tcccbridge.desk;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;

/** Replayed callbacks on PostgreSQL, where several instances share one database. */
@RequiresPostgres
class DeskReplaysPostgresTest extends DeskReplaysContract {

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
