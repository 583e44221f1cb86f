package dev.tcccbridge.security;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.SharedDatabase;

/** Stored signing keys on PostgreSQL, where several instances share one database. */
@RequiresPostgres
class TokenSigningKeysPostgresTest extends TokenSigningKeysContract {

    @Override
    SharedDatabase.Kind kind() {
        return SharedDatabase.Kind.POSTGRES;
    }
}
