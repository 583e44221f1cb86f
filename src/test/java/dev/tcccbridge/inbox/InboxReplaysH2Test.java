package dev.tcccbridge.inbox;

import dev.tcccbridge.testing.TestDatabases;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Replays on H2 in PostgreSQL mode, the embedded default. */
class InboxReplaysH2Test extends InboxReplaysContract {

    @Override
    DataSource newDatabase() {
        return new DriverManagerDataSource(TestDatabases.h2Url(), "sa", "");
    }
}
