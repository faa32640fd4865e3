-- Indexes the admin analytics read (io.autoanalyst.analytics.AnalyticsRepository). Same text on both databases.
-- Covering index for the period scans: every /analytics usage query filters on timestamp and reads only
-- these columns, so the database answers from the index without visiting the table's wide rows.
CREATE INDEX idx_model_usage_analytics ON model_usage
    (timestamp, model_name, user_id, session_id, total_tokens, cost, request_time_ms, is_successful);
-- The public ticker counts registered (non-guest) users.
CREATE INDEX idx_users_guest ON users (is_guest);
-- Feedback analytics join each rating to its message by id (already the key) and filter on created_at (V1).
