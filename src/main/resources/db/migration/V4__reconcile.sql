-- Reconciliation: scheduled jobs that must run on one instance at a time take a named lock.
-- Plain SQL that H2 (PostgreSQL mode) and PostgreSQL both run.
--
-- A job holds its lock while locked_until is in the future. Taking it is one conditional
-- UPDATE (WHERE locked_until <= now): of two instances trying at once, exactly one changes the
-- row. The holder sets locked_until back to now when it is done; an instance that dies leaves
-- the lock to expire at locked_until.
CREATE TABLE scheduler_lock (
    name         VARCHAR(64)              NOT NULL,
    -- the instance that holds (or last held) the lock
    locked_by    VARCHAR(100),
    locked_until TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT scheduler_lock_pk PRIMARY KEY (name)
);

-- Reconciliation asks, per page of CDRs, which of its sessions already have a CDR row.
CREATE INDEX tccc_inbox_action_session_ix ON tccc_inbox (action, session_id);
