package dev.tcccbridge.inbox;

import dev.tcccbridge.testing.TestDatabases;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The console's figures on H2 in PostgreSQL mode, the embedded default. */
class InboxFiguresH2Test extends InboxFiguresContract {

    @Override
    DataSource newDatabase() {
        return new DriverManagerDataSource(TestDatabases.h2Url(), "sa", "");
    }
}
