package dev.tcccbridge.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Databases for tests: a private in-memory H2 (in PostgreSQL mode, as the embedded default
 * runs) or a private schema on the local PostgreSQL. Each call gives a new, empty database.
 *
 * <p>PostgreSQL is found at {@code BRIDGE_TEST_POSTGRES_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}). Where it is not running,
 * tests marked {@link RequiresPostgres} are skipped with a loud message, unless
 * {@code BRIDGE_TEST_POSTGRES=required} (as in CI), which makes them fail instead.
 */
public final class TestDatabases {

    static final String POSTGRES_URL = env("BRIDGE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String POSTGRES_USER = env("BRIDGE_TEST_POSTGRES_USER", "postgres");
    static final String POSTGRES_PASSWORD = env("BRIDGE_TEST_POSTGRES_PASSWORD", "");

    private static final List<String> SCHEMAS = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropSchemas));
    }

    private TestDatabases() {
    }

    public static void h2(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabases::h2Url);
        registry.add("spring.datasource.username", () -> "sa");
        registry.add("spring.datasource.password", () -> "");
    }

    public static void postgres(DynamicPropertyRegistry registry) {
        String url = postgresUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> POSTGRES_USER);
        registry.add("spring.datasource.password", () -> POSTGRES_PASSWORD);
    }

    /** A new in-memory H2 database, with the embedded default's SQL mode. */
    public static String h2Url() {
        return "jdbc:h2:mem:t" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    }

    /** A new schema on the local PostgreSQL, dropped when the test JVM exits. */
    public static String postgresUrl() {
        String schema = "bridge_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + POSTGRES_URL, e);
        }
        SCHEMAS.add(schema);
        return POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The credentials of {@link #postgresUrl()} databases, for tests that open their own pools. */
    public static String postgresUser() {
        return POSTGRES_USER;
    }

    public static String postgresPassword() {
        return POSTGRES_PASSWORD;
    }

    static boolean postgresReachable() {
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    static boolean postgresRequired() {
        return "required".equalsIgnoreCase(env("BRIDGE_TEST_POSTGRES", ""))
                || "required".equalsIgnoreCase(System.getProperty("bridge.test.postgres", ""));
    }

    private static void dropSchemas() {
        if (SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD);
             Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("could not drop test schemas " + SCHEMAS + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
