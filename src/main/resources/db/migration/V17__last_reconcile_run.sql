-- The last reconciliation run that did something (done or failed; a skipped one left it to
-- another instance), whichever instance ran it, for the operations console. One row, updated
-- by each run. Plain SQL that H2 (PostgreSQL mode) and PostgreSQL both run.
CREATE TABLE reconcile_last_run (
    name         VARCHAR(64)              NOT NULL,
    outcome      VARCHAR(16),
    finished_at  TIMESTAMP WITH TIME ZONE,
    run_by       VARCHAR(100),
    window_start TIMESTAMP WITH TIME ZONE,
    window_end   TIMESTAMP WITH TIME ZONE,
    pages        INTEGER                  NOT NULL DEFAULT 0,
    seen         INTEGER                  NOT NULL DEFAULT 0,
    fed          INTEGER                  NOT NULL DEFAULT 0,
    recordings   INTEGER                  NOT NULL DEFAULT 0,
    voicemails   INTEGER                  NOT NULL DEFAULT 0,
    unreadable   INTEGER                  NOT NULL DEFAULT 0,
    recent       INTEGER                  NOT NULL DEFAULT 0,
    error        VARCHAR(4000),
    CONSTRAINT reconcile_last_run_pk PRIMARY KEY (name)
);
INSERT INTO reconcile_last_run (name) VALUES ('reconcile');
