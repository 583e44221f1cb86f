package dev.tcccbridge.inbox;

import dev.tcccbridge.tccc.PushEnvelope;
import dev.tcccbridge.tccc.PushIds;
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

    /**
     * Writes the push as due now, unless reconciliation has stored the same call, recording or
     * voicemail before ({@link PushIds#reconciled}): then the push is a duplicate and nothing is
     * written. One statement, joining the caller's transaction.
     *
     * @return whether the push was a duplicate of a reconciled one
     */
    public boolean storeUnlessReconciled(PushEnvelope push) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        // typed parameters: PostgreSQL reads untyped ones of a SELECT list as text
        int stored = jdbc.update("""
                INSERT INTO tccc_inbox (push_id, action, sdk_app_id, session_id, record_id, payload,
                                        received_at, status, attempts, next_attempt_at, push_version)
                SELECT CAST(? AS VARCHAR(100)), CAST(? AS VARCHAR(16)), CAST(? AS BIGINT), CAST(? AS VARCHAR(128)),
                       CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP WITH TIME ZONE),
                       CAST(? AS VARCHAR(16)), 0, CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS INTEGER)
                WHERE NOT EXISTS (SELECT 1 FROM tccc_inbox WHERE push_id = ?)""",
                push.pushId(), push.action().value(), push.payload().sdkAppId(), push.sessionId(),
                push.recordId(), push.json(), now, PENDING, now, push.version(), PushIds.reconciled(push.payload()));
        return stored == 0;
    }
}
