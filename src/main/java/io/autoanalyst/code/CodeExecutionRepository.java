package io.autoanalyst.code;

import io.autoanalyst.db.SqlTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for code_executions: one row per message, updated on every re-run (runs without a message get their own rows). */
@Repository
public class CodeExecutionRepository {

    private final JdbcClient jdbc;

    public CodeExecutionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What one run recorded. */
    public record Run(Long messageId, Long chatId, long userId, String sessionId, String code, boolean successful, String output,
                      String failedAgents, String errorMessages, String modelProvider, String modelName, Double temperature,
                      Integer maxTokens) {
    }

    public record Latest(long messageId, String initialCode, String latestCode, boolean successful, String failedAgents) {
    }

    public void record(Run run, Instant now) {
        if (run.messageId() != null) {
            int updated = jdbc.sql("UPDATE code_executions SET latest_code = ?, is_successful = ?, output = ?, failed_agents = ?, "
                            + "error_messages = ?, updated_at = ? WHERE execution_id = (SELECT max(execution_id) FROM code_executions "
                            + "WHERE message_id = ? AND user_id = ?)")
                    .params(run.code(), run.successful(), run.output(), run.failedAgents(), run.errorMessages(), SqlTime.of(now),
                            run.messageId(), run.userId())
                    .update();
            if (updated > 0) return;
        }
        jdbc.sql("INSERT INTO code_executions (message_id, chat_id, user_id, session_id, initial_code, latest_code, is_successful, output, "
                        + "model_provider, model_name, model_temperature, model_max_tokens, failed_agents, error_messages, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(run.messageId(), run.chatId(), run.userId(), run.sessionId(), run.code(), run.code(), run.successful(), run.output(),
                        run.modelProvider(), run.modelName(), run.temperature(), run.maxTokens(), run.failedAgents(), run.errorMessages(),
                        SqlTime.of(now), SqlTime.of(now))
                .update();
    }

    public Optional<Latest> latest(long messageId, long userId) {
        return jdbc.sql("SELECT message_id, initial_code, latest_code, is_successful, failed_agents FROM code_executions "
                        + "WHERE message_id = ? AND user_id = ? ORDER BY updated_at DESC, execution_id DESC LIMIT 1")
                .params(messageId, userId)
                .query((rs, i) -> new Latest(rs.getLong("message_id"), rs.getString("initial_code"), rs.getString("latest_code"),
                        rs.getBoolean("is_successful"), rs.getString("failed_agents")))
                .optional();
    }
}
