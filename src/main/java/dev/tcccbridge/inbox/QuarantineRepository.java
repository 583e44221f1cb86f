package dev.tcccbridge.inbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
