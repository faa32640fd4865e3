-- Indexes the admin analytics read (io.autoanalyst.analytics.AnalyticsRepository). Same text on both databases.
-- Covering index for the analytics' day slices (DailyUsageSummaries): every usage query filters on a
-- timestamp range and reads only these columns, so it is answered from the index, never the table's wide rows.
CREATE INDEX idx_model_usage_analytics ON model_usage
    (timestamp, model_name, user_id, session_id, total_tokens, cost, request_time_ms, is_successful);
-- The public ticker counts registered (non-guest) users.
CREATE INDEX idx_users_guest ON users (is_guest);
