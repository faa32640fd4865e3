package io.autoanalyst.db;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a chat or message belongs to a user: one place for the checks that several features
 * make before they touch a record whose id came from a client.
 */
@Component
public class Ownership {

    private final JdbcClient jdbc;

    public Ownership(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean ownsChat(long userId, long chatId) {
        return jdbc.sql("SELECT count(*) FROM chats WHERE chat_id = ? AND user_id = ?")
                .params(chatId, userId).query(Long.class).single() > 0;
    }

    public boolean ownsMessage(long userId, long messageId) {
        return chatOfMessage(userId, messageId).isPresent();
    }

    /** The chat of the message, when the message is in one of the user's chats. */
    public Optional<Long> chatOfMessage(long userId, long messageId) {
        return jdbc.sql("SELECT m.chat_id FROM messages m JOIN chats c ON c.chat_id = m.chat_id WHERE m.message_id = ? AND c.user_id = ?")
                .params(messageId, userId).query(Long.class).optional();
    }
}
