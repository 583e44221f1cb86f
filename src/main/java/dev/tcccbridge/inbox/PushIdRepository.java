package dev.tcccbridge.inbox;

import java.sql.Timestamp;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DuplicateKeyException;

/**
 * Camel's JDBC idempotent repository for push ids, made safe under concurrency.
 *
 * <p>The stock {@code add()} runs SELECT then INSERT: two concurrent pushes of one id both see
 * no row and the second INSERT fails, which on PostgreSQL aborts the surrounding transaction.
 * Here the INSERT alone decides, with {@code ON CONFLICT DO NOTHING}: a second inserter waits
 * for the first transaction and then sees a duplicate (or, if the first rolled back, inserts).
 * The table comes from a Flyway migration, and the insert joins the transaction of the route
 * that also writes the inbox row, so the id and the row commit or roll back together.
 */
public class PushIdRepository extends JdbcMessageIdRepository {

    static final String INSERT_IF_ABSENT = "INSERT INTO camel_messageprocessed (processorname, messageid, createdat)"
            + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

    public PushIdRepository(DataSource dataSource, String processorName) {
        super(dataSource, processorName);
        setCreateTableIfNotExists(false);
        setInsertString(INSERT_IF_ABSENT);
    }

    @Override
    public boolean add(String key) {
        return Boolean.TRUE.equals(getTransactionTemplate().execute(status -> insertIfAbsent(key)));
    }

    private boolean insertIfAbsent(String key) {
        try {
            return getJdbcTemplate().update(INSERT_IF_ABSENT, getProcessorName(), key,
                    new Timestamp(System.currentTimeMillis())) == 1;
        } catch (DuplicateKeyException e) {
            // H2 reports a conflict with a row committed meanwhile as an error, and its
            // transaction stays usable: that is a duplicate too.
            return false;
        }
    }
}
