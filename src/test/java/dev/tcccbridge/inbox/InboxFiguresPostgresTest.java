package dev.tcccbridge.inbox;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The console's figures on PostgreSQL. */
@RequiresPostgres
class InboxFiguresPostgresTest extends InboxFiguresContract {

    @Override
    DataSource newDatabase() {
        return new DriverManagerDataSource(TestDatabases.postgresUrl(), TestDatabases.postgresUser(),
                TestDatabases.postgresPassword());
    }
}
