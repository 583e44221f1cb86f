-- Claims that never finished. A claim whose lease ran out before its attempt ended (the instance
-- died, or was stopped, while delivering the row) counts one when the row is claimed again. A
-- row that keeps stopping the instance delivering it (re-claimed after every lease) is dead once
-- this reaches bridge.delivery.max-attempts, instead of being handed to the next instance.
-- Plain SQL that H2 (PostgreSQL mode) and PostgreSQL both run.
ALTER TABLE tccc_inbox ADD COLUMN abandoned_claims INT DEFAULT 0 NOT NULL;
