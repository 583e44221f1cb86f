package dev.tcccbridge.agent;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;

/** Agents' sessions on PostgreSQL, shared by every instance. */
@RequiresPostgres
class AgentSessionsPostgresTest extends AgentSessionsContract {

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
