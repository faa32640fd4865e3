-- State that several server instances on one database share (issue 14). The same statements on
-- SQLite and PostgreSQL: keep sqlite/ and postgresql/V7__shared_instance_state.sql in step.

-- The login throttle's per-account state (auth/LoginThrottle), so every instance counts the same
-- wrong passwords. account is 'user:<id>', or 'name:' + the SHA-256 of a name that matches no
-- account (never the text typed, which may be a mistyped password). known_addresses: the addresses
-- the account signed in from, one per line. Rows of quiet accounts are deleted by a clean-up job.
CREATE TABLE login_throttle (
    account         VARCHAR(100) PRIMARY KEY,
    failures        INTEGER      NOT NULL DEFAULT 0,
    wait_until      TIMESTAMP    NOT NULL,
    last_activity   TIMESTAMP    NOT NULL,
    known_addresses TEXT         NOT NULL DEFAULT ''
);
CREATE INDEX idx_login_throttle_activity ON login_throttle (last_activity);

-- The instance working on a running evaluation run: the run is interrupted only once that instance
-- is gone (instances.expires_at), not merely because another instance does not work on it.
ALTER TABLE eval_runs ADD COLUMN instance_id VARCHAR(100);
