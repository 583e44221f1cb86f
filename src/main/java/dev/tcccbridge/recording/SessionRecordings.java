package dev.tcccbridge.recording;

import dev.tcccbridge.tccc.PushAction;
import dev.tcccbridge.tccc.PushReader;
import dev.tcccbridge.tccc.PushRejected;
import dev.tcccbridge.tccc.Recording;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the inbox holds about a call session: its recordings (every {@code record} push of the
 * session, whatever its state) and the state of its CDR.
 */
@Repository
public class SessionRecordings {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRecordings.class);

    private final JdbcTemplate jdbc;
    private final PushReader reader;

    public SessionRecordings(JdbcTemplate jdbc, PushReader reader) {
        this.jdbc = jdbc;
        this.reader = reader;
    }

    /** Every recording of the session the inbox holds, repeats included. */
    public List<Recording> of(String sessionId) {
        List<String> payloads = jdbc.queryForList("SELECT payload FROM tccc_inbox WHERE session_id = ? AND action = ?"
                + " ORDER BY id", String.class, sessionId, PushAction.RECORD.value());
        List<Recording> recordings = new ArrayList<>(payloads.size());
        for (String payload : payloads) {
            try {
                recordings.add((Recording) reader.read(PushAction.RECORD, payload));
            } catch (PushRejected e) {
                // the ingress read it once; a row edited by hand is left out, not fatal for the others
                LOG.warn("A recording of session {} in the inbox cannot be read and is left out: {}", sessionId,
                        e.getMessage());
            }
        }
        return recordings;
    }

    /** The states (PENDING, DONE, DEAD) of the session's CDR rows; empty when no CDR has come. */
    public List<String> cdrStates(String sessionId) {
        return jdbc.queryForList("SELECT status FROM tccc_inbox WHERE session_id = ? AND action = ?", String.class,
                sessionId, PushAction.CDR.value());
    }

    /** When the inbox row arrived. */
    public Optional<OffsetDateTime> receivedAt(long inboxId) {
        return jdbc.queryForList("SELECT received_at FROM tccc_inbox WHERE id = ?", OffsetDateTime.class, inboxId)
                .stream().findFirst();
    }
}
