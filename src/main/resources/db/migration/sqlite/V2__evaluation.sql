-- Benchmark evaluation runs (io.autoanalyst.evaluation). Keep postgresql/V2__evaluation.sql in step with this file.

-- One run of a benchmark against one model. question_ids fixes the run's selection (a JSON array), so an
-- interrupted run resumes with exactly the same questions; the score columns are filled when it finishes.
CREATE TABLE eval_runs (
    run_id                INTEGER PRIMARY KEY AUTOINCREMENT,
    benchmark             VARCHAR(50)  NOT NULL,
    model_name            VARCHAR(100) NOT NULL,
    data_dir              TEXT         NOT NULL,
    question_ids          TEXT         NOT NULL,
    concurrency           INTEGER      NOT NULL DEFAULT 1,
    status                VARCHAR(20)  NOT NULL DEFAULT 'running',
    questions             INTEGER      NOT NULL DEFAULT 0,
    correct_questions     INTEGER      NOT NULL DEFAULT 0,
    accuracy_by_question  REAL,
    accuracy_proportional REAL,
    accuracy_sub_question REAL,
    prompt_tokens         BIGINT       NOT NULL DEFAULT 0,
    completion_tokens     BIGINT       NOT NULL DEFAULT 0,
    cost                  REAL         NOT NULL DEFAULT 0,
    wall_ms               BIGINT       NOT NULL DEFAULT 0,
    report_dir            TEXT,
    error_message         TEXT,
    created_at            TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    updated_at            TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    finished_at           TIMESTAMP
);
CREATE INDEX idx_eval_runs_created ON eval_runs (created_at);

-- One scored question of a run: what was asked, what the turn produced, what was extracted and the verdict.
-- Tokens and cost are the sums of the model_usage rows of the question's session.
CREATE TABLE eval_results (
    result_id          INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id             BIGINT       NOT NULL REFERENCES eval_runs (run_id) ON DELETE CASCADE,
    question_id        INTEGER      NOT NULL,
    level              VARCHAR(20),
    concepts           TEXT         NOT NULL,
    question           TEXT         NOT NULL,
    session_id         VARCHAR(128),
    verdict            VARCHAR(20)  NOT NULL,
    sub_correct        INTEGER      NOT NULL DEFAULT 0,
    sub_total          INTEGER      NOT NULL DEFAULT 0,
    expected_answers   TEXT         NOT NULL,
    extracted_answers  TEXT         NOT NULL,
    sub_results        TEXT         NOT NULL,
    code               TEXT,
    output             TEXT,
    summary            TEXT,
    error_message      TEXT,
    prompt_tokens      BIGINT       NOT NULL DEFAULT 0,
    completion_tokens  BIGINT       NOT NULL DEFAULT 0,
    cost               REAL         NOT NULL DEFAULT 0,
    elapsed_ms         BIGINT       NOT NULL DEFAULT 0,
    created_at         TIMESTAMP    NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
    UNIQUE (run_id, question_id)
);
