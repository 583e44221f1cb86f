package dev.tcccbridge.recording;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the archive sweep found and did (table {@code recording_sweep}): each RecordId once, so a
 * recording is swept once, whatever came of it.
 */
@Repository
public class RecordingSweeps {

    /** Queued for archiving: its inbox row was made due again. */
    public static final String QUEUED = "QUEUED";
    /** Its link was older than TCCC keeps recordings: reported, not tried. */
    public static final String EXPIRED = "EXPIRED";
    /** In the customer's own storage (CustomRecordURL): the link does not expire with TCCC's. */
    public static final String OWN_STORAGE = "OWN_STORAGE";

    /**
     * A delivered recording that is neither archived nor swept.
     *
     * @param inboxId    its (latest) inbox row
     * @param payload    the recording push as the inbox keeps it
     * @param receivedAt when that row arrived
     */
    public record Candidate(long inboxId, String recordId, String sessionId, String payload, OffsetDateTime receivedAt) {
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    public RecordingSweeps(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
    }

    /** Delivered recordings that arrived before {@code arrivedBefore}, not archived nor swept, oldest first. */
    public List<Candidate> candidates(OffsetDateTime arrivedBefore, int limit) {
        return jdbc.query("""
                SELECT i.id, i.record_id, i.session_id, i.payload, i.received_at FROM tccc_inbox i
                WHERE i.action = 'record' AND i.status = 'DONE' AND i.received_at < :before AND i.record_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM recording_archive a WHERE a.record_id = i.record_id)
                  AND NOT EXISTS (SELECT 1 FROM recording_sweep s WHERE s.record_id = i.record_id)
                ORDER BY i.received_at, i.id LIMIT :limit""",
                Map.of("before", arrivedBefore.withOffsetSameInstant(ZoneOffset.UTC), "limit", limit),
                (rs, row) -> new Candidate(rs.getLong("id"), rs.getString("record_id"), rs.getString("session_id"),
                        rs.getString("payload"), rs.getObject("received_at", OffsetDateTime.class)));
    }

    /** Whether the sweep queued this recording for archiving. */
    public boolean queued(String recordId) {
        return !jdbc.queryForList("SELECT 1 FROM recording_sweep WHERE record_id = :id AND outcome = :queued",
                Map.of("id", recordId, "queued", QUEUED), Integer.class).isEmpty();
    }

    /** Remembers what the sweep did with a recording. @return false when it was swept before */
    public boolean remember(Candidate candidate, String outcome) {
        try {
            return jdbc.update("""
                    INSERT INTO recording_sweep (record_id, session_id, outcome, inbox_id, swept_at)
                    VALUES (:record, :session, :outcome, :inbox, :now) ON CONFLICT DO NOTHING""",
                    Map.of("record", candidate.recordId(), "session", candidate.sessionId(), "outcome", outcome,
                            "inbox", candidate.inboxId(), "now", OffsetDateTime.now(clock)
                                    .withOffsetSameInstant(ZoneOffset.UTC))) == 1;
        } catch (DuplicateKeyException e) {
            // swept at the same moment by another instance (H2 reports it as an error)
            return false;
        }
    }
}
