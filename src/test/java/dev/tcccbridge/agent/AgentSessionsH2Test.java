package dev.tcccbridge.agent;

import dev.tcccbridge.testing.TestDatabases;

/** Agents' sessions on H2 in PostgreSQL mode, the embedded default. */
class AgentSessionsH2Test extends AgentSessionsContract {

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
