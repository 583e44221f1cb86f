-- Recordings: rows that wait ("not yet") instead of failing, and the recordings archived into
-- the CRM. Plain SQL that H2 (PostgreSQL mode) and PostgreSQL both run.
--
-- A recording waits for its call's CDR (bridge.delivery.await-cdr): its attempt is deferred,
-- not failed. The backoff counts only failed attempts (attempts - deferrals), and the retry
-- window starts again when the last wait ends (deferred_until).

-- how many attempts of the row were deferred rather than failed
ALTER TABLE tccc_inbox ADD COLUMN deferrals INTEGER NOT NULL DEFAULT 0;
-- when the last wait of the row ends (or ended)
ALTER TABLE tccc_inbox ADD COLUMN deferred_until TIMESTAMP WITH TIME ZONE;

-- Recordings archived as Salesforce Files (bridge.recording.archive): one row per RecordId, so
-- a repeated or replayed push never uploads the audio again.
CREATE TABLE recording_archive (
    record_id          VARCHAR(128)             NOT NULL,
    session_id         VARCHAR(128)             NOT NULL,
    -- the ContentVersion the audio became
    content_version_id VARCHAR(18)              NOT NULL,
    bytes              BIGINT                   NOT NULL,
    archived_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT recording_archive_pk PRIMARY KEY (record_id)
);
CREATE INDEX recording_archive_session_ix ON recording_archive (session_id);
