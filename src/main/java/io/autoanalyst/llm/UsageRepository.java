package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/** SQL for {@code model_usage}. Portable: the same statements run on SQLite and PostgreSQL. */
public class UsageRepository {

    private static final String COLUMNS = "user_id, chat_id, session_id, model_name, provider, agent_name, "
            + "prompt_tokens, completion_tokens, total_tokens, query_size, response_size, cost, timestamp, "
            + "is_streaming, request_time_ms, is_successful, error_message";

    private final JdbcClient jdbc;

    public UsageRepository(JdbcClient jdbc) {
        this.jdbc = requireNonNull(jdbc, "jdbc");
    }

    /** Stores the row and returns it with its new {@code usage_id}. */
    public UsageRecord insert(UsageRecord r) {
        // RETURNING works on both SQLite (3.35+) and PostgreSQL, unlike generated-key retrieval,
        // which sqlite-jdbc implements with last_insert_rowid() and a second statement.
        Long id = jdbc.sql("INSERT INTO model_usage (" + COLUMNS + ") VALUES (:userId, :chatId, :sessionId, "
                        + ":modelName, :provider, :agentName, :promptTokens, :completionTokens, :totalTokens, "
                        + ":querySize, :responseSize, :cost, :timestamp, :streaming, :requestTimeMs, :successful, "
                        + ":errorMessage) RETURNING usage_id")
                .param("userId", r.userId())
                .param("chatId", r.chatId())
                .param("sessionId", r.sessionId())
                .param("modelName", r.modelName())
                .param("provider", r.provider())
                .param("agentName", r.agentName())
                .param("promptTokens", r.promptTokens())
                .param("completionTokens", r.completionTokens())
                .param("totalTokens", r.totalTokens())
                .param("querySize", r.querySize())
                .param("responseSize", r.responseSize())
                .param("cost", r.cost().doubleValue())
                .param("timestamp", Timestamp.from(r.timestamp()))
                .param("streaming", r.streaming())
                .param("requestTimeMs", r.requestTimeMs())
                .param("successful", r.successful())
                .param("errorMessage", r.errorMessage())
                .query(Long.class)
                .single();
        return r.withUsageId(id);
    }

    public Optional<UsageRecord> findById(long usageId) {
        return jdbc.sql("SELECT usage_id, " + COLUMNS + " FROM model_usage WHERE usage_id = :id")
                .param("id", usageId)
                .query(UsageRepository::map)
                .optional();
    }

    /** The rows of a session, oldest first. */
    public List<UsageRecord> findBySession(String sessionId) {
        return jdbc.sql("SELECT usage_id, " + COLUMNS + " FROM model_usage WHERE session_id = :sessionId "
                        + "ORDER BY usage_id")
                .param("sessionId", sessionId)
                .query(UsageRepository::map)
                .list();
    }

    private static UsageRecord map(ResultSet rs, int row) throws SQLException {
        return new UsageRecord(
                rs.getLong("usage_id"),
                nullableLong(rs, "user_id"),
                nullableLong(rs, "chat_id"),
                rs.getString("session_id"),
                rs.getString("model_name"),
                rs.getString("provider"),
                rs.getString("agent_name"),
                rs.getInt("prompt_tokens"),
                rs.getInt("completion_tokens"),
                rs.getInt("total_tokens"),
                rs.getInt("query_size"),
                rs.getInt("response_size"),
                BigDecimal.valueOf(rs.getDouble("cost")).setScale(ModelRegistry.COST_SCALE, RoundingMode.HALF_UP),
                rs.getTimestamp("timestamp").toInstant(),
                rs.getBoolean("is_streaming"),
                rs.getLong("request_time_ms"),
                rs.getBoolean("is_successful"),
                rs.getString("error_message"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }
}
