-- Desk callbacks: each signed request is accepted once. Plain SQL that H2 (PostgreSQL mode) and
-- PostgreSQL both run.
--
-- A signed callback (RequestTime, Sign, command and body) is remembered by its SHA-256 while its
-- RequestTime is within bridge.desk.max-clock-skew of now; the same request again finds its key
-- and is refused, on any instance. Older rows are deleted: their RequestTime is refused anyway.
CREATE TABLE desk_callback_seen (
    request_hash VARCHAR(64)              NOT NULL,
    -- the callback's RequestTime (Unix seconds): rows older than the skew window are deleted
    request_time BIGINT                   NOT NULL,
    seen_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT desk_callback_seen_pk PRIMARY KEY (request_hash)
);
CREATE INDEX desk_callback_seen_time_ix ON desk_callback_seen (request_time);
