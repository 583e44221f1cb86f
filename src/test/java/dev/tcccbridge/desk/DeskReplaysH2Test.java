package dev.tcccbridge.desk;

import dev.tcccbridge.testing.SharedDatabase;

/** Replayed callbacks on the embedded H2 (in PostgreSQL mode, as the bridge runs it). */
class DeskReplaysH2Test extends DeskReplaysContract {

    @Override
    SharedDatabase.Kind kind() {
        return SharedDatabase.Kind.H2;
    }
}
