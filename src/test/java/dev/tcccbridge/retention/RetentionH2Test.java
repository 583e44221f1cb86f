package dev.tcccbridge.retention;

import dev.tcccbridge.testing.TestDatabases;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Retention on H2 in PostgreSQL mode, the embedded default. */
class RetentionH2Test extends RetentionContract {

    @Override
    DataSource newDatabase() {
        return new DriverManagerDataSource(TestDatabases.h2Url(), "sa", "");
    }
}
