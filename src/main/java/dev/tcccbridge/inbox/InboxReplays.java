package dev.tcccbridge.inbox;

import dev.tcccbridge.tccc.PushAction;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Replays of finished inbox rows, delivered ({@code DONE}) or dead: the rows become due now with
 * a new retry window, as a dead row's replay does, and delivery takes them again (every CRM write
 * is an upsert, so nothing is created twice). Rows are changed in batches of
 * {@value #BATCH_SIZE}, each its own short statement, so a large replay never holds many row
 * locks at once; rows in delivery ({@code PENDING}) are left alone.
 */
@Repository
public class InboxReplays {

    static final int BATCH_SIZE = 500;

    private static final String FINISHED = "status IN ('DONE', 'DEAD')";
    private static final String DUE_AGAIN = """
            UPDATE tccc_inbox SET status = 'PENDING', next_attempt_at = :now, replayed_at = :now, finished_at = NULL,
                   lease_until = NULL, abandoned_claims = 0
            WHERE id IN (:ids) AND""" + " " + FINISHED;

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public InboxReplays(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    /**
     * Which finished rows to replay: those of one session, or those that arrived in
     * {@code [from, to)}; optionally of one action only.
     */
    public record Selection(String sessionId, OffsetDateTime from, OffsetDateTime to, PushAction action) {

        public static Selection session(String sessionId, PushAction action) {
            return new Selection(sessionId, null, null, action);
        }

        public static Selection arrived(OffsetDateTime from, OffsetDateTime to, PushAction action) {
            return new Selection(null, from, to, action);
        }
    }

    /** Makes the selected finished rows due now. @return how many */
    public int replay(Selection selection) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(FINISHED);
        if (selection.sessionId() != null) {
            where.append(" AND session_id = :session");
            params.put("session", selection.sessionId());
        } else {
            where.append(" AND received_at >= :from AND received_at < :to");
            params.put("from", selection.from().withOffsetSameInstant(ZoneOffset.UTC));
            params.put("to", selection.to().withOffsetSameInstant(ZoneOffset.UTC));
        }
        if (selection.action() != null) {
            where.append(" AND action = :action");
            params.put("action", selection.action().value());
        }
        return replayWhere(where.toString(), params);
    }

    /** Makes the dead rows that died of exactly this reason (their last error) due now. @return how many */
    public int replayDead(String reason) {
        Map<String, Object> params = new HashMap<>();
        params.put("reason", reason);
        return replayWhere("status = 'DEAD' AND last_error = :reason", params);
    }

    private int replayWhere(String where, Map<String, Object> params) {
        params.put("limit", BATCH_SIZE);
        int replayed = 0;
        long after = 0;
        while (true) {
            params.put("after", after);
            // by id, from where the last batch ended: a row delivered again meanwhile is not taken twice
            List<Long> ids = jdbc.queryForList("SELECT id FROM tccc_inbox WHERE " + where
                    + " AND id > :after ORDER BY id LIMIT :limit", params, Long.class);
            if (ids.isEmpty()) {
                return replayed;
            }
            replayed += jdbc.update(DUE_AGAIN, Map.of("ids", ids, "now", now()));
            after = ids.get(ids.size() - 1);
            if (ids.size() < BATCH_SIZE) {
                return replayed;
            }
        }
    }

    /** Makes one finished row due now. @return false when it does not exist or is not finished */
    public boolean replay(long id) {
        return jdbc.update(DUE_AGAIN, Map.of("ids", List.of(id), "now", now())) == 1;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }
}
