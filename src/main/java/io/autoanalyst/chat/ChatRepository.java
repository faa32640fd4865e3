package io.autoanalyst.chat;

import io.autoanalyst.agent.ConversationMemory;
import io.autoanalyst.db.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for chats and messages. Every read of a chat names its owner, so ownership is checked in SQL. */
@Repository
public class ChatRepository {

    private final JdbcClient jdbc;

    public ChatRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Chat insert(long userId, String title, Instant now) {
        long id = jdbc.sql("INSERT INTO chats (user_id, title, created_at) VALUES (?, ?, ?) RETURNING chat_id")
                .params(userId, title, SqlTime.of(now))
                .query(Long.class)
                .single();
        return new Chat(id, title, now, userId);
    }

    public Optional<Chat> findOwned(long chatId, long userId) {
        return jdbc.sql("SELECT chat_id, title, created_at, user_id FROM chats WHERE chat_id = ? AND user_id = ?")
                .params(chatId, userId)
                .query(ChatRepository::mapChat)
                .optional();
    }

    public List<Chat> listOwned(long userId, int limit, int offset) {
        return jdbc.sql("SELECT chat_id, title, created_at, user_id FROM chats WHERE user_id = ? "
                        + "ORDER BY created_at DESC, chat_id DESC LIMIT ? OFFSET ?")
                .params(userId, limit, offset)
                .query(ChatRepository::mapChat)
                .list();
    }

    public void rename(long chatId, String title) {
        jdbc.sql("UPDATE chats SET title = ? WHERE chat_id = ?").params(title, chatId).update();
    }

    /** Usage rows outlive the chat (the schema nulls their chat_id); messages and what hangs off them go. */
    public void delete(long chatId) {
        jdbc.sql("DELETE FROM chats WHERE chat_id = ?").param(chatId).update();
    }

    public int deleteEmpty(Long userId) {
        String owner = userId == null ? "" : " AND user_id = ?";
        var statement = jdbc.sql("DELETE FROM chats WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.chat_id = chats.chat_id)" + owner);
        return userId == null ? statement.update() : statement.param(userId).update();
    }

    public Message insertMessage(long chatId, String sender, String content, String agent, String code, String outputs,
                                 String modelName, Instant now) {
        long id = jdbc.sql("INSERT INTO messages (chat_id, sender, content, agent, code, outputs, model_name, timestamp) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING message_id")
                .params(chatId, sender, content, agent, code, outputs, modelName, SqlTime.of(now))
                .query(Long.class)
                .single();
        return new Message(id, chatId, sender, content, agent, code, outputs, modelName, now);
    }

    public List<Message> messages(long chatId) {
        return jdbc.sql("SELECT message_id, chat_id, sender, content, agent, code, outputs, model_name, timestamp "
                        + "FROM messages WHERE chat_id = ? ORDER BY timestamp, message_id")
                .param(chatId)
                .query(ChatRepository::mapMessage)
                .list();
    }

    /**
     * Who said what in a chat, in the order of {@link #messages}: all that conversation memory reads.
     * Read every turn, so it leaves out each answer's code and outputs (figure JSON, images), which
     * would make every turn of a long chat read all its earlier figures.
     */
    public List<ConversationMemory.Entry> conversation(long chatId) {
        return jdbc.sql("SELECT sender, content FROM messages WHERE chat_id = ? ORDER BY timestamp, message_id")
                .param(chatId)
                .query((rs, row) -> new ConversationMemory.Entry(rs.getString("sender"), rs.getString("content")))
                .list();
    }

    private static Chat mapChat(ResultSet rs, int row) throws SQLException {
        long owner = rs.getLong("user_id");
        return new Chat(rs.getLong("chat_id"), rs.getString("title"), SqlTime.read(rs, "created_at"), rs.wasNull() ? null : owner);
    }

    private static Message mapMessage(ResultSet rs, int row) throws SQLException {
        return new Message(rs.getLong("message_id"), rs.getLong("chat_id"), rs.getString("sender"), rs.getString("content"),
                rs.getString("agent"), rs.getString("code"), rs.getString("outputs"), rs.getString("model_name"),
                SqlTime.read(rs, "timestamp"));
    }
}
