package dev.tcccbridge.recording;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/** Recordings archived into the CRM (table recording_archive): each RecordId once. */
@Repository
public class ArchivedRecordings {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ArchivedRecordings(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean archived(String recordId) {
        return !jdbc.queryForList("SELECT 1 FROM recording_archive WHERE record_id = ?", Integer.class, recordId)
                .isEmpty();
    }

    /** The session's recordings that are Files: RecordId → ContentVersion id. */
    public Map<String, String> files(String sessionId) {
        Map<String, String> files = new HashMap<>();
        jdbc.query("SELECT record_id, content_version_id FROM recording_archive WHERE session_id = ?",
                (RowCallbackHandler) row -> files.put(row.getString("record_id"), row.getString("content_version_id")),
                sessionId);
        return files;
    }

    /** The recording is a File in the CRM now. */
    public void remember(String recordId, String sessionId, String fileId, long bytes) {
        jdbc.update("""
                INSERT INTO recording_archive (record_id, session_id, content_version_id, bytes, archived_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                recordId, sessionId, fileId, bytes, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    }
}
