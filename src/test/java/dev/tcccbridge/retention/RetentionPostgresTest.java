package dev.tcccbridge.retention;

import dev.tcccbridge.testing.RequiresPostgres;
import dev.tcccbridge.testing.TestDatabases;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Retention on PostgreSQL. */
@RequiresPostgres
class RetentionPostgresTest extends RetentionContract {

    @Override
    DataSource newDatabase() {
        return new DriverManagerDataSource(TestDatabases.postgresUrl(), TestDatabases.postgresUser(),
                TestDatabases.postgresPassword());
    }
}
