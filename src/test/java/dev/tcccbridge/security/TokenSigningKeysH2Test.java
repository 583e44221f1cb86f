package dev.tcccbridge.security;

import dev.tcccbridge.testing.SharedDatabase;

/** Stored signing keys on the embedded H2 (in PostgreSQL mode, as the bridge runs it). */
class TokenSigningKeysH2Test extends TokenSigningKeysContract {

    @Override
    SharedDatabase.Kind kind() {
        return SharedDatabase.Kind.H2;
    }
}
