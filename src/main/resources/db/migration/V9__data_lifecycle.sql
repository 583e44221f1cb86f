-- Data lifecycle: the payload version of each inbox row, and what retention and reconciliation
-- of recordings and voicemails look up. Plain SQL that H2 (PostgreSQL mode) and PostgreSQL both run.

-- The version of the data push the payload is written in (the push's version parameter; a
-- missing one is version 1). Rows from before this column are version 1.
ALTER TABLE tccc_inbox ADD COLUMN push_version INTEGER NOT NULL DEFAULT 1;

-- Reconciliation asks, per page of CDRs, which of its recordings already have a row.
CREATE INDEX tccc_inbox_record_ix ON tccc_inbox (record_id);
-- The archive sweep looks for old recordings by arrival.
CREATE INDEX tccc_inbox_action_received_ix ON tccc_inbox (action, received_at);

-- Retention deletes by age, in small batches: each table is searched by its time column.
CREATE INDEX camel_messageprocessed_created_ix ON camel_messageprocessed (createdat);
CREATE INDEX tccc_quarantine_received_ix ON tccc_quarantine (received_at);
CREATE INDEX crm_dry_run_request_recorded_ix ON crm_dry_run_request (recorded_at);

-- How far back retention has deleted rows of a table: inbox rows that arrived before horizon
-- may be gone. Reconciliation never asks for calls older than the inbox's horizon, so a
-- session whose rows were deleted is never taken for one that was never pushed.
CREATE TABLE retention_horizon (
    name    VARCHAR(64)              NOT NULL,
    horizon TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT retention_horizon_pk PRIMARY KEY (name)
);

-- Recordings the archive sweep has handled (bridge.recording.archive-before): queued for
-- archiving, or found with an expired link, or kept in the customer's own storage. One row per
-- RecordId, so a recording is swept once.
CREATE TABLE recording_sweep (
    record_id  VARCHAR(128)             NOT NULL,
    session_id VARCHAR(128)             NOT NULL,
    -- QUEUED (its inbox row was queued for archiving), EXPIRED (the link was past the vendor's
    -- storage time: reported, not tried), OWN_STORAGE (a CustomRecordURL: the link does not expire)
    outcome    VARCHAR(16)              NOT NULL,
    inbox_id   BIGINT,
    swept_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT recording_sweep_pk PRIMARY KEY (record_id)
);
