package io.autoanalyst.chat;

import io.autoanalyst.session.Caller;
import io.autoanalyst.web.BadRequest;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Chats and their messages, always seen through their owner. */
@Service
public class ChatService {

    static final String DEFAULT_TITLE = "New Chat";
    static final int MAX_TITLE = 255;

    private final ChatRepository chats;
    private final NotebookExporter notebooks;
    private final Clock clock;

    public ChatService(ChatRepository chats, NotebookExporter notebooks, Clock clock) {
        this.chats = chats;
        this.notebooks = notebooks;
        this.clock = clock;
    }

    public Chat create(Caller caller, String title) {
        return chats.insert(caller.userId(), title == null || title.isBlank() ? DEFAULT_TITLE : truncate(title), clock.instant());
    }

    public Chat get(Caller caller, long chatId) {
        return chats.findOwned(chatId, caller.userId()).orElseThrow(() -> new ChatNotFound(chatId));
    }

    public List<Chat> list(Caller caller, int limit, int offset) {
        return chats.listOwned(caller.userId(), limit, offset);
    }

    /** One of the caller's chats with its messages in order. */
    public record Conversation(Chat chat, List<Message> messages) {
    }

    public Conversation conversation(Caller caller, long chatId) {
        return new Conversation(get(caller, chatId), chats.messages(chatId));
    }

    @Transactional
    public Chat rename(Caller caller, long chatId, String title) {
        Chat chat = get(caller, chatId);
        if (title == null) {
            return chat;
        }
        String clean = truncate(title.strip());
        chats.rename(chatId, clean);
        return new Chat(chat.chatId(), clean, chat.createdAt(), chat.userId());
    }

    @Transactional
    public void delete(Caller caller, long chatId) {
        get(caller, chatId);
        chats.delete(chatId);
    }

    @Transactional
    public Message addMessage(Caller caller, long chatId, NewMessage message) {
        get(caller, chatId);
        notebooks.problemWithOutputs(message.outputs()).ifPresent(problem -> {
            throw new BadRequest(problem);
        });
        return chats.insertMessage(chatId, message.sender(), message.content(), message.agent(), message.code(),
                message.outputs(), message.modelName(), clock.instant());
    }

    /** @param userId whose empty chats; null = everyone's (admin only, decided by the caller of this method) */
    public int deleteEmpty(Long userId) {
        return chats.deleteEmpty(userId);
    }

    /** What a new message carries besides its chat. */
    public record NewMessage(String sender, String content, String agent, String code, String outputs, String modelName) {
    }

    private static String truncate(String s) {
        return s.length() > MAX_TITLE ? s.substring(0, MAX_TITLE) : s;
    }
}
