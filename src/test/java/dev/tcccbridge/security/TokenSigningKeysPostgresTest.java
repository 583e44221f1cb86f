package dev.tcccbridge.security;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;

/** Stored signing keys on PostgreSQL, where several instances share one database. */
@RequiresPostgres
class TokenSigningKeysPostgresTest extends TokenSigningKeysContract {

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
