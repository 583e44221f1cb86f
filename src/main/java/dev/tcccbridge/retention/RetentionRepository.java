package dev.tcccbridge.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Deletes by age, a batch at a time: the keys of at most {@code limit} rows past their age are
 * read, then those rows deleted, the condition checked again, in two short statements of their
 * own. No statement holds many row locks, and a row that changed in between (a delivered row
 * replayed meanwhile) stays.
 */
@Repository
public class RetentionRepository {

    /** The tables whose sizes are measured, with what each holds. */
    static final List<String> TABLES = List.of("tccc_inbox", "tccc_quarantine", "camel_messageprocessed",
            "crm_dry_run_request", "recording_archive", "recording_sweep");

    /** Rows whose recordings the archive sweep still has to look at: delivered, not archived, not swept. */
    private static final String UNSWEPT_RECORDING = """
            action = 'record' AND record_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM recording_archive a WHERE a.record_id = tccc_inbox.record_id)
            AND NOT EXISTS (SELECT 1 FROM recording_sweep s WHERE s.record_id = tccc_inbox.record_id)""";

    private final NamedParameterJdbcTemplate jdbc;

    public RetentionRepository(JdbcTemplate jdbc) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * One batch of rows of {@code target} past their age.
     *
     * @param keepUnswept delivered recordings the archive sweep has not looked at stay (the sweep is on)
     * @return how many rows were picked (fewer than {@code limit}: the last batch) and deleted
     */
    public Batch deleteBatch(RetentionTarget target, RetentionCutoffs cutoffs, boolean keepUnswept, int limit) {
        return switch (target) {
            case DELIVERED -> byId("tccc_inbox", "status = 'DONE' AND finished_at < :finished AND received_at < :arrived"
                            + (keepUnswept ? " AND NOT (" + UNSWEPT_RECORDING + ")" : ""),
                    inbox(cutoffs.deliveredFinishedBefore(), cutoffs.deliveredArrivedBefore()), limit);
            case DEAD -> byId("tccc_inbox", "status = 'DEAD' AND finished_at < :finished AND received_at < :arrived",
                    inbox(cutoffs.deadFinishedBefore(), cutoffs.deadArrivedBefore()), limit);
            case QUARANTINED -> byId("tccc_quarantine", "received_at < :before", before(cutoffs.quarantinedBefore()), limit);
            case DRY_RUN_REQUESTS -> byId("crm_dry_run_request", "recorded_at < :before",
                    before(cutoffs.dryRunRequestsBefore()), limit);
            case PUSH_IDS -> pushIds(cutoffs.pushIdsBefore(), limit);
            case OUTBOX_FILES -> throw new IllegalArgumentException("outbox files are not rows of a table");
        };
    }

    /**
     * @param picked  rows found past their age (fewer than the limit: nothing more to delete)
     * @param deleted rows deleted
     */
    public record Batch(int picked, int deleted) {
    }

    /** Dead rows that {@link #deleteBatch} would delete, by action. */
    public Map<String, Long> deadByAction(RetentionCutoffs cutoffs) {
        return counts("SELECT action AS k, COUNT(*) AS n FROM tccc_inbox WHERE status = 'DEAD' AND finished_at < :finished"
                + " AND received_at < :arrived GROUP BY action", inbox(cutoffs.deadFinishedBefore(),
                cutoffs.deadArrivedBefore()));
    }

    /** Quarantined pushes that {@link #deleteBatch} would delete, by action as sent. */
    public Map<String, Long> quarantinedByAction(RetentionCutoffs cutoffs) {
        return counts("SELECT COALESCE(action, '(none)') AS k, COUNT(*) AS n FROM tccc_quarantine"
                + " WHERE received_at < :before GROUP BY COALESCE(action, '(none)')", before(cutoffs.quarantinedBefore()));
    }

    /** Rows in each of {@link #TABLES}. */
    public Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String table : TABLES) {
            // the table names are constants, never data
            sizes.put(table, jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM " + table, Long.class));
        }
        return sizes;
    }

    private Batch byId(String table, String condition, Map<String, Object> params, int limit) {
        Map<String, Object> select = new HashMap<>(params);
        select.put("limit", limit);
        List<Long> ids = jdbc.queryForList("SELECT id FROM " + table + " WHERE " + condition + " LIMIT :limit", select,
                Long.class);
        if (ids.isEmpty()) {
            return new Batch(0, 0);
        }
        Map<String, Object> delete = new HashMap<>(params);
        delete.put("ids", ids);
        return new Batch(ids.size(), jdbc.update("DELETE FROM " + table + " WHERE id IN (:ids) AND " + condition, delete));
    }

    /** camel_messageprocessed is keyed by processor name and push id; createdat is a local TIMESTAMP. */
    private Batch pushIds(Instant before, int limit) {
        Map<String, Object> params = Map.of("before", Timestamp.from(before), "limit", limit);
        List<Map<String, Object>> keys = jdbc.queryForList("SELECT processorname, messageid FROM camel_messageprocessed"
                + " WHERE createdat < :before LIMIT :limit", params);
        Map<String, List<String>> byProcessor = new HashMap<>();
        for (Map<String, Object> key : keys) {
            byProcessor.computeIfAbsent((String) key.get("processorname"), p -> new ArrayList<>())
                    .add((String) key.get("messageid"));
        }
        int deleted = 0;
        for (Map.Entry<String, List<String>> processor : byProcessor.entrySet()) {
            deleted += jdbc.update("DELETE FROM camel_messageprocessed WHERE processorname = :processor"
                    + " AND messageid IN (:ids) AND createdat < :before", Map.of("processor", processor.getKey(),
                    "ids", processor.getValue(), "before", Timestamp.from(before)));
        }
        return new Batch(keys.size(), deleted);
    }

    private Map<String, Long> counts(String sql, Map<String, Object> params) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query(sql, params, (RowCallbackHandler) row ->
                counts.put(row.getString("k"), row.getLong("n")));
        return counts;
    }

    private static Map<String, Object> inbox(Instant finishedBefore, Instant arrivedBefore) {
        return Map.of("finished", utc(finishedBefore), "arrived", utc(arrivedBefore));
    }

    private static Map<String, Object> before(Instant before) {
        return Map.of("before", utc(before));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
