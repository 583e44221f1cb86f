package dev.tcccbridge.desk;

import dev.tcccbridge.testing.TestDatabases;

/** Replayed callbacks on the embedded H2 (in PostgreSQL mode, as the bridge runs it). */
class DeskReplaysH2Test extends DeskReplaysContract {

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
