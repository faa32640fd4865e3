package io.autoanalyst.analytics;

import io.autoanalyst.db.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for message_feedback; every lookup joins to the chat so only its owner reaches it. */
@Repository
public class FeedbackRepository {

    private static final String COLUMNS = "f.feedback_id, f.message_id, f.rating, f.model_name, f.model_provider, f.temperature, "
            + "f.max_tokens, f.created_at, f.updated_at";
    private static final String OWNED = " JOIN messages m ON m.message_id = f.message_id JOIN chats c ON c.chat_id = m.chat_id ";

    private final JdbcClient jdbc;

    public FeedbackRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Feedback> forMessage(long messageId, long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message_feedback f" + OWNED + "WHERE f.message_id = ? AND c.user_id = ?")
                .params(messageId, userId).query(FeedbackRepository::map).optional();
    }

    public List<Feedback> forChat(long chatId, long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message_feedback f" + OWNED + "WHERE c.chat_id = ? AND c.user_id = ? ORDER BY f.message_id")
                .params(chatId, userId).query(FeedbackRepository::map).list();
    }

    /** One rating per message: a second one replaces the first, keeping stamps the new one leaves out. */
    public void upsert(long messageId, int rating, String modelName, String modelProvider, Double temperature, Integer maxTokens, Instant now) {
        int updated = jdbc.sql("UPDATE message_feedback SET rating = ?, model_name = COALESCE(?, model_name), "
                        + "model_provider = COALESCE(?, model_provider), temperature = COALESCE(?, temperature), "
                        + "max_tokens = COALESCE(?, max_tokens), updated_at = ? WHERE message_id = ?")
                .params(rating, modelName, modelProvider, temperature, maxTokens, SqlTime.of(now), messageId).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO message_feedback (message_id, rating, model_name, model_provider, temperature, max_tokens, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(messageId, rating, modelName, modelProvider, temperature, maxTokens, SqlTime.of(now), SqlTime.of(now)).update();
        }
    }

    private static Feedback map(ResultSet rs, int row) throws SQLException {
        double temperature = rs.getDouble("temperature");
        Double t = rs.wasNull() ? null : temperature;
        int maxTokens = rs.getInt("max_tokens");
        Integer m = rs.wasNull() ? null : maxTokens;
        return new Feedback(rs.getLong("feedback_id"), rs.getLong("message_id"), rs.getInt("rating"), rs.getString("model_name"),
                rs.getString("model_provider"), t, m, SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at"));
    }
}
