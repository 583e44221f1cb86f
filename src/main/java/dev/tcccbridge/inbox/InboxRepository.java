package dev.tcccbridge.inbox;

import dev.tcccbridge.tccc.PushEnvelope;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The inbox: every accepted push, waiting for delivery. */
@Repository
public class InboxRepository {

    public static final String PENDING = "PENDING";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public InboxRepository(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Writes the push as due now; joins the caller's transaction. */
    public void store(PushEnvelope push) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO tccc_inbox (push_id, action, sdk_app_id, session_id, record_id, payload,
                                        received_at, status, attempts, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""",
                push.pushId(), push.action().value(), push.payload().sdkAppId(), push.sessionId(),
                push.recordId(), push.json(), now, PENDING, now);
    }
}
