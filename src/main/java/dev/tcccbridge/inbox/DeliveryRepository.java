package dev.tcccbridge.inbox;

import dev.tcccbridge.tccc.PushAction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery side of the inbox: claims of due rows, and their outcome.
 *
 * <p>A claim is one short transaction: {@code SELECT ... FOR UPDATE SKIP LOCKED} picks due rows
 * no other worker is claiming at that moment, and an UPDATE gives them a lease and the next
 * attempt number. Instances on one PostgreSQL therefore never hold the same row. When a row's
 * delivery starts its lease is checked and renewed ({@link #startWork}): a worker whose claim ran
 * out before it got to the row (a slow batch) finds it taken and leaves it. Every finish names the
 * attempt it ends ({@code WHERE attempts = ?}), so a worker that outlived its lease cannot
 * overwrite the outcome of the worker that claimed the row after it.
 *
 * <p>H2 applies {@code LIMIT} before it skips locked rows, so two concurrent claimers on H2 may
 * get fewer rows than are due, never the same row; the embedded default runs one instance.
 */
@Repository
public class DeliveryRepository {

    public static final String PENDING = InboxRepository.PENDING;
    public static final String DONE = "DONE";
    public static final String DEAD = "DEAD";

    private static final int MAX_ERROR_LENGTH = 4000;
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryRepository.class);

    private static final String FINISH = """
            UPDATE tccc_inbox SET status = :status, finished_at = :now, lease_until = NULL,
                   last_error = COALESCE(:error, last_error)
            WHERE id = :id AND attempts = :attempt AND status = 'PENDING'""";

    private static final String DUE = """
            status = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until <= :now)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public DeliveryRepository(JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Claims up to {@code limit} due rows, oldest due first, for {@code lease}. A due row whose
     * last claim ran out before it finished counts an abandoned claim; one that reaches
     * {@code maxAttempts} of them is dead instead (it may be what stops the instances delivering it).
     *
     * @param worker who claims, kept in claimed_by for operators
     */
    public List<ClaimedPush> claim(String worker, int limit, Duration lease, int maxAttempts) {
        OffsetDateTime now = now();
        OffsetDateTime leaseUntil = now.plus(lease);
        List<ClaimedPush> claimed = transaction.execute(status -> {
            List<Map<String, Object>> due = jdbc.queryForList("SELECT id, lease_until, abandoned_claims FROM tccc_inbox"
                            + " WHERE " + DUE + " ORDER BY next_attempt_at, id LIMIT :limit FOR UPDATE SKIP LOCKED",
                    Map.of("now", now, "limit", limit));
            List<Long> ids = new ArrayList<>();
            List<Long> exhausted = new ArrayList<>();
            for (Map<String, Object> row : due) {
                boolean abandoned = row.get("lease_until") != null;
                int abandonedClaims = ((Number) row.get("abandoned_claims")).intValue() + (abandoned ? 1 : 0);
                (abandoned && abandonedClaims >= maxAttempts ? exhausted : ids).add(((Number) row.get("id")).longValue());
            }
            if (!exhausted.isEmpty()) {
                jdbc.update("""
                        UPDATE tccc_inbox SET status = 'DEAD', finished_at = :now, lease_until = NULL,
                               abandoned_claims = abandoned_claims + 1,
                               last_error = LEFT(CONCAT(:reason, COALESCE('; last error: ' || last_error, '')), 4000)
                        WHERE id IN (:ids) AND""" + " " + DUE, Map.of("ids", exhausted, "now", now, "reason",
                        "claimed " + maxAttempts + " times without finishing (bridge.delivery.max-attempts):"
                                + " the instance delivering it stopped every time"));
                LOG.error("inbox {} dead: claimed {} times without finishing; the instance delivering it stopped"
                        + " every time (bridge.delivery.max-attempts)", exhausted, maxAttempts);
            }
            if (ids.isEmpty()) {
                return List.of();
            }
            Map<String, Object> claim = Map.of("ids", ids, "worker", worker, "leaseUntil", leaseUntil, "now", now);
            jdbc.update("UPDATE tccc_inbox SET claimed_by = :worker, attempts = attempts + 1,"
                    + " abandoned_claims = abandoned_claims + CASE WHEN lease_until IS NULL THEN 0 ELSE 1 END,"
                    + " lease_until = :leaseUntil WHERE id IN (:ids) AND " + DUE, claim);
            return jdbc.query("SELECT id, push_id, action, session_id, payload, attempts, received_at, replayed_at,"
                    + " deferrals, deferred_until FROM tccc_inbox WHERE id IN (:ids) AND claimed_by = :worker AND lease_until = :leaseUntil"
                    + " ORDER BY next_attempt_at, id", claim, DeliveryRepository::claimedPush);
        });
        return claimed == null ? List.of() : claimed;
    }

    /**
     * The delivery of claimed rows starts: each row's lease is checked and renewed for
     * {@code lease} from now. A row whose claim ran out and was taken by another worker (a slow
     * batch, a paused instance) is not this worker's any more and is left out.
     *
     * @return the rows this worker still holds, now for {@code lease}
     */
    public List<ClaimedPush> startWork(String worker, List<ClaimedPush> rows, Duration lease) {
        if (rows.isEmpty()) {
            return List.of();
        }
        OffsetDateTime leaseUntil = now().plus(lease);
        int[] renewed = jdbc.batchUpdate("""
                UPDATE tccc_inbox SET lease_until = :leaseUntil
                WHERE id = :id AND attempts = :attempt AND claimed_by = :worker AND status = 'PENDING'
                  AND lease_until IS NOT NULL""", rows.stream().map(row -> new MapSqlParameterSource()
                .addValue("leaseUntil", leaseUntil).addValue("id", row.id()).addValue("attempt", row.attempt())
                .addValue("worker", worker)).toArray(SqlParameterSource[]::new));
        return changed(rows, renewed);
    }

    /** The attempt succeeded. @return false when the row was no longer this attempt's */
    public boolean markDone(long id, int attempt) {
        return finish(id, attempt, DONE, null);
    }

    /** The attempts of these rows succeeded, in one batch. @return the rows that were still these attempts' */
    public List<ClaimedPush> markDone(List<ClaimedPush> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        OffsetDateTime now = now();
        int[] done = jdbc.batchUpdate(FINISH, rows.stream().map(row -> new MapSqlParameterSource()
                .addValue("status", DONE).addValue("now", now).addValue("error", null, Types.VARCHAR)
                .addValue("id", row.id()).addValue("attempt", row.attempt())).toArray(SqlParameterSource[]::new));
        return changed(rows, done);
    }

    /** The rows a batch of updates (one each) changed. */
    private static List<ClaimedPush> changed(List<ClaimedPush> rows, int[] counts) {
        List<ClaimedPush> changed = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (counts[i] == 1) {
                changed.add(rows.get(i));
            }
        }
        return changed;
    }

    /** The attempt failed for good. @return false when the row was no longer this attempt's */
    public boolean markDead(long id, int attempt, String reason) {
        return finish(id, attempt, DEAD, reason);
    }

    /** The attempt failed; the row is due again at {@code nextAttemptAt}. */
    public boolean scheduleRetry(long id, int attempt, OffsetDateTime nextAttemptAt, String reason) {
        return jdbc.update("""
                UPDATE tccc_inbox SET next_attempt_at = :next, lease_until = NULL, last_error = :error
                WHERE id = :id AND attempts = :attempt AND status = 'PENDING'""",
                Map.of("next", nextAttemptAt.withOffsetSameInstant(ZoneOffset.UTC), "error", cut(reason),
                        "id", id, "attempt", attempt)) == 1;
    }

    /**
     * The attempt was deferred ("not yet", {@link DeliveryDeferred}): the row is due again at
     * {@code nextAttemptAt}, and neither the backoff nor the retry window counts the wait.
     */
    public boolean defer(long id, int attempt, OffsetDateTime nextAttemptAt, String reason) {
        return jdbc.update("""
                UPDATE tccc_inbox SET next_attempt_at = :next, deferred_until = :next, deferrals = deferrals + 1,
                       lease_until = NULL, last_error = :reason
                WHERE id = :id AND attempts = :attempt AND status = 'PENDING'""",
                Map.of("next", nextAttemptAt.withOffsetSameInstant(ZoneOffset.UTC), "reason", cut(reason),
                        "id", id, "attempt", attempt)) == 1;
    }

    /**
     * Rows of the session that wait ("not yet") are due now: something they may wait for (a
     * recording, for its call's CDR) has just been delivered. @return how many
     */
    public int wakeDeferred(String sessionId) {
        return wakeDeferred(List.of(sessionId));
    }

    /** {@link #wakeDeferred(String)} for the sessions of a batch. */
    public int wakeDeferred(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = now();
        return jdbc.update("""
                UPDATE tccc_inbox SET next_attempt_at = :now, deferred_until = :now
                WHERE session_id IN (:sessions) AND status = 'PENDING' AND lease_until IS NULL
                  AND deferred_until IS NOT NULL AND next_attempt_at = deferred_until AND next_attempt_at > :now""",
                Map.of("now", now, "sessions", sessionIds));
    }

    private boolean finish(long id, int attempt, String status, String reason) {
        Map<String, Object> params = new HashMap<>();
        params.put("status", status);
        params.put("now", now());
        params.put("error", reason == null ? null : cut(reason));
        params.put("id", id);
        params.put("attempt", attempt);
        return jdbc.update(FINISH, params) == 1;
    }

    /** Dead rows, the most recent first. */
    public List<InboxRow> dead(int limit) {
        return jdbc.query("""
                SELECT id, push_id, action, session_id, status, attempts, received_at, finished_at, last_error
                FROM tccc_inbox WHERE status = 'DEAD' ORDER BY finished_at DESC, id DESC LIMIT :limit""",
                Map.of("limit", limit), DeliveryRepository::inboxRow);
    }

    public Optional<InboxRow> find(long id) {
        return jdbc.query("""
                SELECT id, push_id, action, session_id, status, attempts, received_at, finished_at, last_error
                FROM tccc_inbox WHERE id = :id""", Map.of("id", id), DeliveryRepository::inboxRow)
                .stream().findFirst();
    }

    /** A row and its payload, as the push stored it. */
    public Optional<Map<String, Object>> withPayload(long id) {
        return jdbc.query("""
                SELECT id, push_id, action, session_id, status, attempts, received_at, finished_at, last_error, payload
                FROM tccc_inbox WHERE id = :id""", Map.of("id", id), (rs, row) -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("row", inboxRow(rs, row));
                    answer.put("payload", rs.getString("payload"));
                    return answer;
                }).stream().findFirst();
    }

    /**
     * Makes a dead row due now, with a new retry window (and no abandoned claims). The last error
     * stays for reference until the next attempt ends.
     *
     * @return false when the row does not exist or is not dead
     */
    public boolean replay(long id) {
        OffsetDateTime now = now();
        return jdbc.update("""
                UPDATE tccc_inbox SET status = 'PENDING', next_attempt_at = :now, replayed_at = :now,
                       finished_at = NULL, lease_until = NULL, abandoned_claims = 0
                WHERE id = :id AND status = 'DEAD'""", Map.of("now", now, "id", id)) == 1;
    }

    private OffsetDateTime now() {
        // millisecond precision: what is written compares equal to what is read back
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    private static String cut(String reason) {
        return reason.length() > MAX_ERROR_LENGTH ? reason.substring(0, MAX_ERROR_LENGTH) : reason;
    }

    private static ClaimedPush claimedPush(ResultSet rs, int row) throws SQLException {
        OffsetDateTime replayedAt = rs.getObject("replayed_at", OffsetDateTime.class);
        OffsetDateTime windowStart = replayedAt != null ? replayedAt : rs.getObject("received_at", OffsetDateTime.class);
        OffsetDateTime deferredUntil = rs.getObject("deferred_until", OffsetDateTime.class);
        if (deferredUntil != null && deferredUntil.isAfter(windowStart)) {
            windowStart = deferredUntil;
        }
        return new ClaimedPush(rs.getLong("id"), rs.getString("push_id"),
                PushAction.of(rs.getString("action")).orElseThrow(
                        () -> new IllegalStateException("inbox row with an unknown action")),
                rs.getString("session_id"), rs.getString("payload"), rs.getInt("attempts"), windowStart,
                rs.getInt("deferrals"));
    }

    private static InboxRow inboxRow(ResultSet rs, int row) throws SQLException {
        return new InboxRow(rs.getLong("id"), rs.getString("push_id"), rs.getString("action"),
                rs.getString("session_id"), rs.getString("status"), rs.getInt("attempts"),
                rs.getObject("received_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class),
                rs.getString("last_error"));
    }
}
