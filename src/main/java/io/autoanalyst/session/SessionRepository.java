package io.autoanalyst.session;

import io.autoanalyst.auth.User;
import io.autoanalyst.db.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for analysis_sessions. */
@Repository
public class SessionRepository {

    private final JdbcClient jdbc;

    public SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The session with its owner, in one query: this runs on nearly every request. */
    public Optional<SessionContext> findWithOwner(String sessionId) {
        return jdbc.sql("SELECT s.session_id, s.user_id, s.chat_id, s.current_message_id, s.created_at, s.last_accessed_at, "
                        + "u.username, u.email, u.is_guest, u.created_at AS user_created_at "
                        + "FROM analysis_sessions s JOIN users u ON u.user_id = s.user_id WHERE s.session_id = ?")
                .param(sessionId)
                .query((rs, i) -> new SessionContext(map(rs, i), new User(rs.getLong("user_id"), rs.getString("username"),
                        rs.getString("email"), rs.getBoolean("is_guest"), SqlTime.read(rs, "user_created_at"))))
                .optional();
    }

    /** Inserts unless the id is taken; returns whether this call created it (two requests may race). */
    public boolean insertIfAbsent(String sessionId, long userId, Instant now) {
        return jdbc.sql("INSERT INTO analysis_sessions (session_id, user_id, created_at, last_accessed_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (session_id) DO NOTHING")
                .params(sessionId, userId, SqlTime.of(now), SqlTime.of(now))
                .update() == 1;
    }

    public void touch(String sessionId, Instant now) {
        jdbc.sql("UPDATE analysis_sessions SET last_accessed_at = ? WHERE session_id = ?")
                .params(SqlTime.of(now), sessionId)
                .update();
    }

    public void setPointers(String sessionId, Long chatId, Long messageId) {
        jdbc.sql("UPDATE analysis_sessions SET chat_id = COALESCE(?, chat_id), current_message_id = COALESCE(?, current_message_id) WHERE session_id = ?")
                .params(chatId, messageId, sessionId)
                .update();
    }

    /** Removes the session row; its datasets rows go with it (publish {@link SessionExpired} first for its files and kernel). */
    public void delete(String sessionId) {
        jdbc.sql("DELETE FROM analysis_sessions WHERE session_id = ?").param(sessionId).update();
    }

    /** Name and description of the session's first dataset, if it has any. */
    public Optional<DatasetSummary> firstDataset(String sessionId) {
        return jdbc.sql("SELECT display_name, description, is_default FROM datasets WHERE session_id = ? ORDER BY position, dataset_id LIMIT 1")
                .param(sessionId)
                .query((rs, i) -> new DatasetSummary(rs.getString("display_name"), rs.getString("description"),
                        rs.getBoolean("is_default")))
                .optional();
    }

    public record DatasetSummary(String name, String description, boolean isDefault) {
    }

    static AnalysisSession map(ResultSet rs, int row) throws SQLException {
        long chat = rs.getLong("chat_id");
        Long chatId = rs.wasNull() ? null : chat;
        long message = rs.getLong("current_message_id");
        Long messageId = rs.wasNull() ? null : message;
        return new AnalysisSession(rs.getString("session_id"), rs.getLong("user_id"), chatId, messageId,
                SqlTime.read(rs, "created_at"), SqlTime.read(rs, "last_accessed_at"));
    }
}
