package dev.tcccbridge.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Pushes refused as unprocessable, kept with their raw body for an operator. */
@Repository
public class QuarantineRepository {

    private static final int MAX_REASON_LENGTH = 4000;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public QuarantineRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * A quarantined push as operators see it.
     *
     * @param headers the request's headers as JSON (without Authorization and Cookie)
     * @param body    the body as UTF-8 text (bytes that are not UTF-8 shown as U+FFFD)
     */
    public record Quarantined(long id, String pushId, String action, int httpStatus, String reason, String headers,
                              String body, int bodyBytes, OffsetDateTime receivedAt) {
    }

    /** The most recent quarantined pushes. */
    public List<Quarantined> recent(int limit) {
        return jdbc.query("""
                SELECT id, push_id, action, http_status, reason, headers, body, received_at FROM tccc_quarantine
                ORDER BY received_at DESC, id DESC LIMIT ?""", (rs, row) -> {
                    byte[] body = rs.getBytes("body");
                    return new Quarantined(rs.getLong("id"), rs.getString("push_id"), rs.getString("action"),
                            rs.getInt("http_status"), rs.getString("reason"), rs.getString("headers"),
                            new String(body, StandardCharsets.UTF_8), body.length,
                            rs.getObject("received_at", OffsetDateTime.class));
                }, limit);
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM tccc_quarantine", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Keeps a refused push once per push id: the sender's retries of the same push add nothing.
     *
     * @return whether a new row was written
     */
    public boolean keep(String pushId, String action, int httpStatus, String reason, String headersJson,
                        byte[] body) {
        String cutReason = text(reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason);
        String cutAction = text(action != null && action.length() > 64 ? action.substring(0, 64) : action);
        return jdbc.update("""
                INSERT INTO tccc_quarantine (push_id, action, http_status, reason, headers, body, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                pushId, cutAction, httpStatus, cutReason, headersJson, body == null ? new byte[0] : body,
                OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)) == 1;
    }

    /**
     * Text columns: PostgreSQL cannot store a NUL in text, and a refused push may carry one in its
     * action or in what the reason quotes of it; it is kept as U+FFFD (the raw body keeps every byte).
     */
    static String text(String value) {
        return value == null || value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', '\uFFFD');
    }
}
