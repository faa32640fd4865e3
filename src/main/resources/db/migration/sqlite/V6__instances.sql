-- Several server instances on one database (issue 14).

-- A running server instance: it renews its heartbeat; past expires_at it counts as gone.
CREATE TABLE instances (
    instance_id  VARCHAR(100) PRIMARY KEY,
    started_at   TIMESTAMP NOT NULL,
    heartbeat_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL
);

-- Which instance holds a session's kernel. lease_token changes whenever the kernel moves or is
-- started afresh, so an instance still holding an older kernel of the session knows it is stale.
CREATE TABLE kernel_leases (
    session_id   VARCHAR(128) PRIMARY KEY,
    instance_id  VARCHAR(100) NOT NULL,
    lease_token  VARCHAR(64)  NOT NULL,
    heartbeat_at TIMESTAMP    NOT NULL,
    expires_at   TIMESTAMP    NOT NULL
);
CREATE INDEX idx_kernel_leases_instance ON kernel_leases (instance_id);

-- The successful runs of a session's current kernel state, in order: what a new kernel replays
-- when the old one was lost with its instance. code_executions cannot serve: it keeps one row per
-- message, overwritten by a re-run, and not every kernel run has a message.
CREATE TABLE kernel_runs (
    run_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id VARCHAR(128) NOT NULL,
    code       TEXT         NOT NULL,
    created_at TIMESTAMP    NOT NULL
);
CREATE INDEX idx_kernel_runs_session ON kernel_runs (session_id, run_id);

-- Background jobs that must run once across instances: the holder runs the job until expires_at.
CREATE TABLE background_leases (
    job_name    VARCHAR(100) PRIMARY KEY,
    instance_id VARCHAR(100) NOT NULL,
    expires_at  TIMESTAMP    NOT NULL
);
