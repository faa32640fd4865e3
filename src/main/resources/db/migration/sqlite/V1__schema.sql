-- Schema of the original Auto-Analyst (functional spec section 9) plus our own tables
-- (API tokens, analysis sessions, datasets). Generated in step with postgresql/V1__schema.sql: keep the two the same.

CREATE TABLE users (
    user_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    username      VARCHAR(255) NOT NULL,
    email         VARCHAR(255) NOT NULL UNIQUE,
    password_hash VARCHAR(255),
    is_guest      BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at    TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))
);
CREATE INDEX idx_users_created_at ON users (created_at);

CREATE TABLE api_tokens (
    token_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      BIGINT       NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    token_hash   VARCHAR(64)  NOT NULL UNIQUE,
    created_at   TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    expires_at   TIMESTAMP    NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP
);
CREATE INDEX idx_api_tokens_user ON api_tokens (user_id);

CREATE TABLE chats (
    chat_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    BIGINT REFERENCES users (user_id) ON DELETE CASCADE,
    title      VARCHAR(255) NOT NULL DEFAULT 'New Chat',
    created_at TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))
);
CREATE INDEX idx_chats_user_created ON chats (user_id, created_at);

CREATE TABLE messages (
    message_id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id    BIGINT      NOT NULL REFERENCES chats (chat_id) ON DELETE CASCADE,
    sender     VARCHAR(20) NOT NULL,
    content    TEXT        NOT NULL,
    agent      VARCHAR(100),
    code       TEXT,
    outputs    TEXT,
    model_name VARCHAR(100),
    timestamp  TIMESTAMP   NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))
);
CREATE INDEX idx_messages_chat_time ON messages (chat_id, timestamp);

CREATE TABLE analysis_sessions (
    session_id          VARCHAR(128) PRIMARY KEY,
    user_id             BIGINT       NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    chat_id             BIGINT REFERENCES chats (chat_id) ON DELETE SET NULL,
    current_message_id  BIGINT REFERENCES messages (message_id) ON DELETE SET NULL,
    model_provider      VARCHAR(50),
    model_name          VARCHAR(100),
    model_temperature   REAL,
    model_max_tokens    INTEGER,
    model_api_key       TEXT,
    created_at          TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    last_accessed_at    TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))
);
CREATE INDEX idx_sessions_user ON analysis_sessions (user_id);
CREATE INDEX idx_sessions_last_accessed ON analysis_sessions (last_accessed_at);

CREATE TABLE datasets (
    dataset_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id   VARCHAR(128) NOT NULL REFERENCES analysis_sessions (session_id) ON DELETE CASCADE,
    var_name     VARCHAR(64)  NOT NULL,
    display_name VARCHAR(255) NOT NULL,
    description  TEXT,
    source_name  VARCHAR(255),
    format       VARCHAR(20)  NOT NULL,
    storage_path VARCHAR(500) NOT NULL,
    row_count    BIGINT       NOT NULL DEFAULT 0,
    column_count INTEGER      NOT NULL DEFAULT 0,
    size_bytes   BIGINT       NOT NULL DEFAULT 0,
    profile      TEXT,
    position     INTEGER      NOT NULL DEFAULT 0,
    is_default   BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    UNIQUE (session_id, var_name)
);

CREATE TABLE model_usage (
    usage_id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id           BIGINT REFERENCES users (user_id) ON DELETE SET NULL,
    chat_id           BIGINT REFERENCES chats (chat_id) ON DELETE SET NULL,
    session_id        VARCHAR(128),
    model_name        VARCHAR(100) NOT NULL,
    provider          VARCHAR(50)  NOT NULL,
    agent_name        VARCHAR(100),
    prompt_tokens     INTEGER      NOT NULL DEFAULT 0,
    completion_tokens INTEGER      NOT NULL DEFAULT 0,
    total_tokens      INTEGER      NOT NULL DEFAULT 0,
    query_size        INTEGER      NOT NULL DEFAULT 0,
    response_size     INTEGER      NOT NULL DEFAULT 0,
    cost              REAL NOT NULL DEFAULT 0,
    timestamp         TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    is_streaming      BOOLEAN      NOT NULL DEFAULT FALSE,
    request_time_ms   INTEGER      NOT NULL DEFAULT 0,
    is_successful     BOOLEAN      NOT NULL DEFAULT TRUE,
    error_message     TEXT
);
CREATE INDEX idx_model_usage_timestamp ON model_usage (timestamp);
CREATE INDEX idx_model_usage_user_time ON model_usage (user_id, timestamp);
CREATE INDEX idx_model_usage_model_time ON model_usage (model_name, timestamp);
CREATE INDEX idx_model_usage_chat ON model_usage (chat_id);

CREATE TABLE code_executions (
    execution_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id        BIGINT REFERENCES messages (message_id) ON DELETE CASCADE,
    chat_id           BIGINT REFERENCES chats (chat_id) ON DELETE CASCADE,
    user_id           BIGINT REFERENCES users (user_id) ON DELETE SET NULL,
    session_id        VARCHAR(128),
    initial_code      TEXT,
    latest_code       TEXT,
    is_successful     BOOLEAN      NOT NULL DEFAULT FALSE,
    output            TEXT,
    model_provider    VARCHAR(50),
    model_name        VARCHAR(100),
    model_temperature REAL,
    model_max_tokens  INTEGER,
    failed_agents     TEXT,
    error_messages    TEXT,
    created_at        TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    updated_at        TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))
);
CREATE INDEX idx_code_exec_message ON code_executions (message_id);
CREATE INDEX idx_code_exec_user_time ON code_executions (user_id, created_at);
CREATE INDEX idx_code_exec_model ON code_executions (model_name);
CREATE INDEX idx_code_exec_created ON code_executions (created_at);

CREATE TABLE message_feedback (
    feedback_id    INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id     BIGINT NOT NULL UNIQUE REFERENCES messages (message_id) ON DELETE CASCADE,
    rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    model_name     VARCHAR(100),
    model_provider VARCHAR(50),
    temperature    REAL,
    max_tokens     INTEGER,
    created_at     TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    updated_at     TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))
);
CREATE INDEX idx_feedback_created ON message_feedback (created_at);
CREATE INDEX idx_feedback_model ON message_feedback (model_name);

CREATE TABLE deep_analysis_reports (
    report_id           INTEGER PRIMARY KEY AUTOINCREMENT,
    report_uuid         VARCHAR(100) NOT NULL UNIQUE,
    user_id             BIGINT REFERENCES users (user_id) ON DELETE CASCADE,
    session_id          VARCHAR(128),
    goal                TEXT         NOT NULL,
    status              VARCHAR(20)  NOT NULL DEFAULT 'pending',
    start_time          TIMESTAMP,
    end_time            TIMESTAMP,
    duration_seconds    INTEGER,
    deep_questions      TEXT,
    deep_plan           TEXT,
    summaries           TEXT,
    analysis_code       TEXT,
    plotly_figures      TEXT,
    synthesis           TEXT,
    final_conclusion    TEXT,
    html_report         TEXT,
    report_summary      TEXT,
    progress_percentage INTEGER      NOT NULL DEFAULT 0,
    steps_completed     TEXT,
    model_provider      VARCHAR(50),
    model_name          VARCHAR(100),
    total_tokens_used   INTEGER      NOT NULL DEFAULT 0,
    estimated_cost      REAL NOT NULL DEFAULT 0,
    credits_consumed    INTEGER      NOT NULL DEFAULT 0,
    error_message       TEXT,
    created_at          TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    updated_at          TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))
);
CREATE INDEX idx_reports_user_created ON deep_analysis_reports (user_id, created_at);
CREATE INDEX idx_reports_status ON deep_analysis_reports (status);

CREATE TABLE agent_templates (
    template_id     INTEGER PRIMARY KEY AUTOINCREMENT,
    template_name   VARCHAR(100) NOT NULL UNIQUE,
    display_name    VARCHAR(200),
    description     TEXT         NOT NULL,
    prompt_template TEXT         NOT NULL,
    icon_url        VARCHAR(500),
    category        VARCHAR(50),
    is_premium_only BOOLEAN      NOT NULL DEFAULT FALSE,
    variant_type    VARCHAR(20)  NOT NULL DEFAULT 'individual',
    base_agent      VARCHAR(100),
    is_active       BOOLEAN      NOT NULL DEFAULT TRUE,
    -- hash of the seeded text: a seed update only overwrites rows an admin has not edited
    seed_hash       VARCHAR(64),
    created_at      TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    updated_at      TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))
);
CREATE INDEX idx_templates_variant_active ON agent_templates (variant_type, is_active);
CREATE INDEX idx_templates_category ON agent_templates (category);

CREATE TABLE user_template_preferences (
    preference_id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       BIGINT    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    template_id   BIGINT    NOT NULL REFERENCES agent_templates (template_id) ON DELETE CASCADE,
    is_enabled    BOOLEAN   NOT NULL DEFAULT TRUE,
    usage_count   INTEGER   NOT NULL DEFAULT 0,
    last_used_at  TIMESTAMP,
    created_at    TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    updated_at    TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    UNIQUE (user_id, template_id)
);
CREATE INDEX idx_template_prefs_template ON user_template_preferences (template_id);

-- Per-user, per-day activity roll-up (the seed architecture's UserAnalytics): what the admin
-- dashboards read for active users and engagement without scanning every usage row.
CREATE TABLE user_analytics (
    analytics_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id           BIGINT    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    activity_date     DATE      NOT NULL,
    sessions_started  INTEGER   NOT NULL DEFAULT 0,
    queries           INTEGER   NOT NULL DEFAULT 0,
    code_executions   INTEGER   NOT NULL DEFAULT 0,
    uploads           INTEGER   NOT NULL DEFAULT 0,
    total_tokens      BIGINT    NOT NULL DEFAULT 0,
    total_cost        REAL NOT NULL DEFAULT 0,
    last_active_at    TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    UNIQUE (user_id, activity_date)
);
CREATE INDEX idx_user_analytics_date ON user_analytics (activity_date);
