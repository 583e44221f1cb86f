package dev.tcccbridge.desk;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.SharedDatabase;

/** Replayed callbacks on PostgreSQL, where several instances share one database. */
@RequiresPostgres
class DeskReplaysPostgresTest extends DeskReplaysContract {

    @Override
    SharedDatabase.Kind kind() {
        return SharedDatabase.Kind.POSTGRES;
    }
}
