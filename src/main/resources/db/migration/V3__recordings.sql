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
