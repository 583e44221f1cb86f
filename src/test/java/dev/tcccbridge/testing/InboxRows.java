package dev.tcccbridge.testing;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;

/** Inbox rows written straight into tccc_inbox, in any state, for tests of what reads them. */
public final class InboxRows {

    private final String pushId;
    private String action = "cdr";
    private String sessionId = "s-1";
    private String recordId;
    private String payload = "{}";
    private String status = "DONE";
    private OffsetDateTime receivedAt = OffsetDateTime.now(ZoneOffset.UTC);
    private OffsetDateTime finishedAt;

    private InboxRows(String pushId) {
        this.pushId = pushId;
    }

    /** A delivered cdr row of session s-1 that arrived now. */
    public static InboxRows row(String pushId) {
        return new InboxRows(pushId);
    }

    public InboxRows action(String action) {
        this.action = action;
        return this;
    }

    public InboxRows session(String sessionId) {
        this.sessionId = sessionId;
        return this;
    }

    public InboxRows record(String recordId) {
        this.recordId = recordId;
        return this;
    }

    public InboxRows payload(String payload) {
        this.payload = payload;
        return this;
    }

    public InboxRows status(String status) {
        this.status = status;
        return this;
    }

    /** Arrived at {@code receivedAt}; finished then too unless {@link #finishedAt} says otherwise. */
    public InboxRows receivedAt(OffsetDateTime receivedAt) {
        this.receivedAt = receivedAt;
        return this;
    }

    public InboxRows finishedAt(OffsetDateTime finishedAt) {
        this.finishedAt = finishedAt;
        return this;
    }

    /** @return the row's id */
    public long insert(JdbcTemplate jdbc) {
        OffsetDateTime finished = "PENDING".equals(status) ? null : finishedAt == null ? receivedAt : finishedAt;
        jdbc.update("""
                INSERT INTO tccc_inbox (push_id, action, sdk_app_id, session_id, record_id, payload, received_at,
                                        status, attempts, next_attempt_at, finished_at)
                VALUES (?, ?, 1400482256, ?, ?, ?, ?, ?, 1, ?, ?)""",
                pushId, action, sessionId, recordId, payload, receivedAt, status, receivedAt, finished);
        return jdbc.queryForObject("SELECT id FROM tccc_inbox WHERE push_id = ?", Long.class, pushId);
    }
}
