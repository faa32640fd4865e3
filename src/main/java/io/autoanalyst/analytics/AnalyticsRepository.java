package io.autoanalyst.analytics;

import io.autoanalyst.db.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The aggregate SQL behind the admin analytics. One text per query runs on SQLite and PostgreSQL:
 * a range is compared as timestamps (SQLite stores them as sortable UTC text, see docs/architecture.md §5),
 * and a row's day is the first ten characters of its timestamp as text, which both databases write as
 * {@code yyyy-MM-dd ...}. Ratios are computed in Java, so no integer division can round them away.
 * Usage is read one UTC day at a time ({@link DailyUsageSummaries}): a day's rows are a short range of the
 * covering timestamp index, and its groups are small.
 */
@Repository
public class AnalyticsRepository {

    /** The UTC day of a timestamp column, as {@code yyyy-MM-dd} text. */
    static String day(String column) {
        return "substr(CAST(" + column + " AS VARCHAR(32)), 1, 10)";
    }

    private static final String USAGE_IN_RANGE = " FROM model_usage WHERE timestamp >= :start AND timestamp <= :end";

    private final JdbcClient jdbc;

    public AnalyticsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- model_usage -------------------------------------------------------------------------

    public record Totals(long tokens, double cost, long requests, long users) {
    }

    public record Daily(String date, long tokens, double cost, long requests, long activeUsers, long sessions) {
    }

    public record ModelStats(String modelName, long tokens, double cost, long requests, double avgResponseMs, long successful) {
    }

    public record UserStats(Long userId, long tokens, double cost, long requests, Instant firstSeen, Instant lastSeen) {
    }

    public long usersWithUsage(AnalyticsPeriod period) {
        return range(jdbc.sql("SELECT COUNT(DISTINCT user_id)" + USAGE_IN_RANGE), period).query(Long.class).single();
    }

    /** Sessions with a call in the range, their calls, and how long those with more than one call lasted. */
    public record SessionTotals(long sessions, long requests, List<java.time.Duration> spans) {
    }

    /**
     * One grouping pass; a session's first and last call times are only read (parsed) when it has more than
     * one call, since the others lasted no time.
     */
    public SessionTotals sessions(AnalyticsPeriod period) {
        long[] counts = new long[2];
        List<java.time.Duration> spans = new java.util.ArrayList<>();
        range(jdbc.sql("SELECT COUNT(*) AS requests, MIN(timestamp) AS first_at, MAX(timestamp) AS last_at" + USAGE_IN_RANGE
                        + " AND session_id IS NOT NULL GROUP BY session_id"), period)
                .query(rs -> {
                    long requests = rs.getLong("requests");
                    counts[0]++;
                    counts[1] += requests;
                    if (requests > 1) {
                        spans.add(java.time.Duration.between(SqlTime.read(rs, "first_at"), SqlTime.read(rs, "last_at")));
                    }
                });
        return new SessionTotals(counts[0], counts[1], spans);
    }

    public long userCount(boolean includeGuests) {
        return includeGuests
                ? jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single()
                : jdbc.sql("SELECT COUNT(*) FROM users WHERE is_guest = :guest").param("guest", false).query(Long.class).single();
    }

    public Totals allTimeUsage() {
        return jdbc.sql("SELECT COALESCE(SUM(total_tokens), 0) AS tokens, COALESCE(SUM(cost), 0) AS cost, COUNT(*) AS requests, "
                        + "0 AS users FROM model_usage")
                .query((rs, i) -> new Totals(rs.getLong("tokens"), rs.getDouble("cost"), rs.getLong("requests"), 0))
                .single();
    }

    /** One usage row as the CSV export writes it. */
    public record UsageRow(long usageId, Instant timestamp, Long userId, Long chatId, String modelName, String provider, String agentName,
                           long promptTokens, long completionTokens, long totalTokens, double cost, long requestTimeMs,
                           boolean streaming, boolean successful) {
    }

    /** Streams the range's rows oldest first, without holding them all in memory. */
    public void eachUsageRow(AnalyticsPeriod period, Consumer<UsageRow> sink) {
        range(jdbc.sql("SELECT usage_id, timestamp, user_id, chat_id, model_name, provider, agent_name, prompt_tokens, completion_tokens, "
                        + "total_tokens, cost, request_time_ms, is_streaming, is_successful" + USAGE_IN_RANGE
                        + " ORDER BY timestamp, usage_id"), period)
                .query(rs -> {
                    sink.accept(new UsageRow(rs.getLong("usage_id"), SqlTime.read(rs, "timestamp"), nullableLong(rs, "user_id"),
                            nullableLong(rs, "chat_id"), rs.getString("model_name"), rs.getString("provider"), rs.getString("agent_name"),
                            rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"), rs.getLong("total_tokens"), rs.getDouble("cost"),
                            rs.getLong("request_time_ms"), rs.getBoolean("is_streaming"), rs.getBoolean("is_successful")));
                });
    }

    // ---- one day's slice, for DailyUsageSummaries ---------------------------------------------

    public record ModelSlice(String modelName, long tokens, double cost, long requests, long requestMs, long successful) {
    }

    public record UserSlice(long userId, long tokens, double cost, long requests, Instant first, Instant last) {
    }

    /** What identifies a slice's rows: if any of these changes, rows were added, removed or detached from their user. */
    public record SliceShape(long rows, long maxUsageId, long rowsWithoutUser, long sessions) {
    }

    public List<ModelSlice> modelSlice(Instant from, Instant until) {
        return slice(jdbc.sql("SELECT model_name, SUM(total_tokens) AS tokens, SUM(cost) AS cost, COUNT(*) AS requests, "
                        + "SUM(request_time_ms) AS ms, SUM(CASE WHEN is_successful THEN 1 ELSE 0 END) AS successful" + USAGE_IN_SLICE
                        + " GROUP BY model_name"), from, until)
                .query((rs, i) -> new ModelSlice(rs.getString("model_name"), rs.getLong("tokens"), rs.getDouble("cost"), rs.getLong("requests"),
                        rs.getLong("ms"), rs.getLong("successful")))
                .list();
    }

    public List<UserSlice> userSlice(Instant from, Instant until) {
        return slice(jdbc.sql("SELECT user_id, SUM(total_tokens) AS tokens, SUM(cost) AS cost, COUNT(*) AS requests, "
                        + "MIN(timestamp) AS first_at, MAX(timestamp) AS last_at" + USAGE_IN_SLICE + " AND user_id IS NOT NULL GROUP BY user_id"),
                from, until)
                .query((rs, i) -> new UserSlice(rs.getLong("user_id"), rs.getLong("tokens"), rs.getDouble("cost"), rs.getLong("requests"),
                        SqlTime.read(rs, "first_at"), SqlTime.read(rs, "last_at")))
                .list();
    }

    public SliceShape sliceShape(Instant from, Instant until, boolean countSessions) {
        return slice(jdbc.sql("SELECT COUNT(*) AS n, COALESCE(MAX(usage_id), 0) AS max_id, "
                        + "COALESCE(SUM(CASE WHEN user_id IS NULL THEN 1 ELSE 0 END), 0) AS no_user, "
                        + (countSessions ? "COUNT(DISTINCT session_id)" : "0") + " AS sessions" + USAGE_IN_SLICE), from, until)
                .query((rs, i) -> new SliceShape(rs.getLong("n"), rs.getLong("max_id"), rs.getLong("no_user"), rs.getLong("sessions")))
                .single();
    }

    /** The first model call of each of these users, one index probe per user. */
    public java.util.Map<Long, Instant> firstUse(java.util.Collection<Long> userIds) {
        java.util.Map<Long, Instant> first = new java.util.HashMap<>();
        List<Long> ids = List.copyOf(userIds);
        for (int i = 0; i < ids.size(); i += 500) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + 500));
            jdbc.sql("SELECT u.user_id, (SELECT MIN(m.timestamp) FROM model_usage m WHERE m.user_id = u.user_id) AS first_use "
                            + "FROM users u WHERE u.user_id IN (:ids)")
                    .param("ids", chunk)
                    .query(rs -> {
                        Instant at = SqlTime.read(rs, "first_use");
                        if (at != null) first.put(rs.getLong("user_id"), at);
                    });
        }
        return first;
    }

    private static final String USAGE_IN_SLICE = " FROM model_usage WHERE timestamp >= :from AND timestamp < :until";

    private static JdbcClient.StatementSpec slice(JdbcClient.StatementSpec spec, Instant from, Instant until) {
        return spec.param("from", SqlTime.of(from)).param("until", SqlTime.of(until));
    }

    // ---- code_executions ---------------------------------------------------------------------

    private static final String EXECUTIONS_IN_RANGE = " FROM code_executions WHERE created_at >= :start AND created_at <= :end";

    public record ExecutionTotals(long total, long successful, long users, long chats, long repairAttempts, long repaired) {
    }

    public record ExecutionGroup(String key, long total, long successful, long users, Instant first, Instant latest) {
    }

    public record Execution(long executionId, Long messageId, Long chatId, Long userId, Instant createdAt, Instant updatedAt,
                            boolean successful, String modelProvider, String modelName, Double temperature, Integer maxTokens,
                            String failedAgents, String errorMessages, String initialCode, String latestCode) {
    }

    /**
     * A row is one message's code, updated on every re-run (CodeExecutionRepository): its initial code
     * differs from its latest code when the code was changed after the first run (a fix or an edit), so
     * such a row that now succeeds is a repaired step.
     */
    public ExecutionTotals executionTotals(AnalyticsPeriod period) {
        return range(jdbc.sql("SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN is_successful THEN 1 ELSE 0 END), 0) AS successful, "
                        + "COUNT(DISTINCT user_id) AS users, COUNT(DISTINCT chat_id) AS chats, "
                        + "COALESCE(SUM(CASE WHEN initial_code <> latest_code THEN 1 ELSE 0 END), 0) AS attempts, "
                        + "COALESCE(SUM(CASE WHEN initial_code <> latest_code AND is_successful THEN 1 ELSE 0 END), 0) AS repaired"
                        + EXECUTIONS_IN_RANGE), period)
                .query((rs, i) -> new ExecutionTotals(rs.getLong("total"), rs.getLong("successful"), rs.getLong("users"),
                        rs.getLong("chats"), rs.getLong("attempts"), rs.getLong("repaired")))
                .single();
    }

    public List<ExecutionGroup> executionsByModel(AnalyticsPeriod period) {
        return groupedExecutions("COALESCE(model_name, 'unknown')", period, "total DESC, grp", Integer.MAX_VALUE);
    }

    public List<ExecutionGroup> executionsByUser(AnalyticsPeriod period, int limit) {
        return groupedExecutions("user_id", period, "total DESC, grp", limit);
    }

    private List<ExecutionGroup> groupedExecutions(String key, AnalyticsPeriod period, String order, int limit) {
        return range(jdbc.sql("SELECT " + key + " AS grp, COUNT(*) AS total, SUM(CASE WHEN is_successful THEN 1 ELSE 0 END) AS successful, "
                        + "COUNT(DISTINCT user_id) AS users, MIN(created_at) AS first_at, MAX(created_at) AS latest_at" + EXECUTIONS_IN_RANGE
                        + ("user_id".equals(key) ? " AND user_id IS NOT NULL" : "") + " GROUP BY " + key + " ORDER BY " + order
                        + " LIMIT :limit"), period)
                .param("limit", limit)
                .query((rs, i) -> new ExecutionGroup(rs.getString("grp"), rs.getLong("total"), rs.getLong("successful"), rs.getLong("users"),
                        SqlTime.read(rs, "first_at"), SqlTime.read(rs, "latest_at")))
                .list();
    }

    /** Executions of the range, newest first, optionally filtered. */
    public List<Execution> executions(AnalyticsPeriod period, Boolean successful, Long userId, String modelName, int limit) {
        StringBuilder sql = new StringBuilder("SELECT execution_id, message_id, chat_id, user_id, created_at, updated_at, is_successful, "
                + "model_provider, model_name, model_temperature, model_max_tokens, failed_agents, error_messages, initial_code, latest_code"
                + EXECUTIONS_IN_RANGE);
        if (successful != null) sql.append(" AND is_successful = :successful");
        if (userId != null) sql.append(" AND user_id = :userId");
        if (modelName != null) sql.append(" AND model_name = :modelName");
        sql.append(" ORDER BY created_at DESC, execution_id DESC LIMIT :limit");
        JdbcClient.StatementSpec spec = range(jdbc.sql(sql.toString()), period).param("limit", limit);
        if (successful != null) spec = spec.param("successful", successful);
        if (userId != null) spec = spec.param("userId", userId);
        if (modelName != null) spec = spec.param("modelName", modelName);
        return spec.query(AnalyticsRepository::execution).list();
    }

    private static Execution execution(ResultSet rs, int row) throws SQLException {
        double temperature = rs.getDouble("model_temperature");
        Double t = rs.wasNull() ? null : temperature;
        int maxTokens = rs.getInt("model_max_tokens");
        Integer m = rs.wasNull() ? null : maxTokens;
        return new Execution(rs.getLong("execution_id"), nullableLong(rs, "message_id"), nullableLong(rs, "chat_id"),
                nullableLong(rs, "user_id"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at"), rs.getBoolean("is_successful"),
                rs.getString("model_provider"), rs.getString("model_name"), t, m, rs.getString("failed_agents"),
                rs.getString("error_messages"), rs.getString("initial_code"), rs.getString("latest_code"));
    }

    public record FailedRun(String failedAgents, String errorMessages) {
    }

    public List<FailedRun> failedRuns(AnalyticsPeriod period) {
        return range(jdbc.sql("SELECT failed_agents, error_messages" + EXECUTIONS_IN_RANGE + " AND is_successful = :no"), period)
                .param("no", false)
                .query((rs, i) -> new FailedRun(rs.getString("failed_agents"), rs.getString("error_messages")))
                .list();
    }

    // ---- message_feedback --------------------------------------------------------------------

    private static final String FEEDBACK_IN_RANGE = " FROM message_feedback f JOIN messages m ON m.message_id = f.message_id "
            + "WHERE f.created_at >= :start AND f.created_at <= :end";

    public record FeedbackTotals(long total, double avgRating, long chats) {
    }

    public record FeedbackGroup(String key, long count, double avgRating) {
    }

    public record FeedbackRow(long feedbackId, long messageId, long chatId, int rating, String modelName, String modelProvider,
                              Double temperature, Integer maxTokens, Instant createdAt, String messagePreview, String messageSender) {
    }

    public FeedbackTotals feedbackTotals(AnalyticsPeriod period) {
        return range(jdbc.sql("SELECT COUNT(*) AS total, COALESCE(AVG(f.rating), 0) AS avg_rating, COUNT(DISTINCT m.chat_id) AS chats"
                        + FEEDBACK_IN_RANGE), period)
                .query((rs, i) -> new FeedbackTotals(rs.getLong("total"), rs.getDouble("avg_rating"), rs.getLong("chats")))
                .single();
    }

    public List<FeedbackGroup> feedbackByRating(AnalyticsPeriod period) {
        return feedbackGrouped("CAST(f.rating AS VARCHAR(8))", period);
    }

    public List<FeedbackGroup> feedbackByModel(AnalyticsPeriod period) {
        return feedbackGrouped("COALESCE(f.model_name, 'unknown')", period);
    }

    public List<FeedbackGroup> feedbackByDay(AnalyticsPeriod period) {
        return feedbackGrouped(day("f.created_at"), period);
    }

    private List<FeedbackGroup> feedbackGrouped(String key, AnalyticsPeriod period) {
        return range(jdbc.sql("SELECT " + key + " AS grp, COUNT(*) AS n, AVG(f.rating) AS avg_rating" + FEEDBACK_IN_RANGE
                        + " GROUP BY " + key + " ORDER BY " + key), period)
                .query((rs, i) -> new FeedbackGroup(rs.getString("grp"), rs.getLong("n"), rs.getDouble("avg_rating")))
                .list();
    }

    public record FeedbackFilter(Integer minRating, Integer maxRating, String modelName) {
    }

    public long feedbackCount(AnalyticsPeriod period, FeedbackFilter filter) {
        return filtered(jdbc.sql("SELECT COUNT(*)" + FEEDBACK_IN_RANGE + where(filter)), period, filter).query(Long.class).single();
    }

    public List<FeedbackRow> feedback(AnalyticsPeriod period, FeedbackFilter filter, int limit, int offset) {
        return filtered(jdbc.sql("SELECT f.feedback_id, f.message_id, m.chat_id, f.rating, f.model_name, f.model_provider, f.temperature, "
                        + "f.max_tokens, f.created_at, substr(m.content, 1, 200) AS preview, m.sender" + FEEDBACK_IN_RANGE + where(filter)
                        + " ORDER BY f.created_at DESC, f.feedback_id DESC LIMIT :limit OFFSET :offset"), period, filter)
                .param("limit", limit).param("offset", offset)
                .query((rs, i) -> {
                    double temperature = rs.getDouble("temperature");
                    Double t = rs.wasNull() ? null : temperature;
                    int maxTokens = rs.getInt("max_tokens");
                    Integer m = rs.wasNull() ? null : maxTokens;
                    return new FeedbackRow(rs.getLong("feedback_id"), rs.getLong("message_id"), rs.getLong("chat_id"), rs.getInt("rating"),
                            rs.getString("model_name"), rs.getString("model_provider"), t, m, SqlTime.read(rs, "created_at"),
                            rs.getString("preview"), rs.getString("sender"));
                })
                .list();
    }

    private static String where(FeedbackFilter filter) {
        StringBuilder sql = new StringBuilder();
        if (filter.minRating() != null) sql.append(" AND f.rating >= :minRating");
        if (filter.maxRating() != null) sql.append(" AND f.rating <= :maxRating");
        if (filter.modelName() != null) sql.append(" AND f.model_name = :modelName");
        return sql.toString();
    }

    private static JdbcClient.StatementSpec filtered(JdbcClient.StatementSpec spec, AnalyticsPeriod period, FeedbackFilter filter) {
        spec = range(spec, period);
        if (filter.minRating() != null) spec = spec.param("minRating", filter.minRating());
        if (filter.maxRating() != null) spec = spec.param("maxRating", filter.maxRating());
        if (filter.modelName() != null) spec = spec.param("modelName", filter.modelName());
        return spec;
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static JdbcClient.StatementSpec range(JdbcClient.StatementSpec spec, AnalyticsPeriod period) {
        return spec.param("start", SqlTime.of(period.start())).param("end", SqlTime.of(period.end()));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
