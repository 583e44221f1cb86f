package dev.tcccbridge.security;

import dev.tcccbridge.testing.TestDatabases;

/** Stored signing keys on the embedded H2 (in PostgreSQL mode, as the bridge runs it). */
class TokenSigningKeysH2Test extends TokenSigningKeysContract {

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
