package dev.tcccbridge.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * One private database with the bridge's schema, shared in a test by several instances of the
 * bridge, each through a connection pool of its own, as separate processes share one database.
 */
public final class SharedDatabase implements AutoCloseable {

    /** Where the database is: the embedded H2 (PostgreSQL mode) or the local PostgreSQL. */
    public enum Kind { H2, POSTGRES }

    private final String url;
    private final String user;
    private final String password;
    private final List<HikariDataSource> pools = new ArrayList<>();

    private SharedDatabase(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A new database, migrated by Flyway as the bridge migrates it at start. */
    public static SharedDatabase migrated(Kind kind) {
        SharedDatabase database = kind == Kind.H2
                ? new SharedDatabase(TestDatabases.h2Url(), "sa", "")
                : new SharedDatabase(TestDatabases.postgresUrl(), TestDatabases.postgresUser(),
                TestDatabases.postgresPassword());
        Flyway.configure().dataSource(database.url, database.user, database.password).load().migrate();
        return database;
    }

    /** A pool of one instance; closed with the database. */
    public synchronized HikariDataSource newPool(int size) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(size);
        pools.add(pool);
        return pool;
    }

    @Override
    public synchronized void close() {
        pools.forEach(HikariDataSource::close);
    }
}
