package io.autoanalyst.chat;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.LlmException;
import io.autoanalyst.llm.QuestionTitle;
import io.autoanalyst.llm.Signature;
import io.autoanalyst.llm.Signature.Field;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Names a chat after its first question: the session's model writes a title of at most three words (the offline
 * analyst takes the question's first meaningful words); when the call fails the title is those words too, so a
 * chat never stays "New Chat" for lack of a key.
 */
@Service
public class ChatTitleService {

    static final Signature SIGNATURE = new Signature("chat_history_name",
            "Name this chat in at most three words, from the user's first question. No quotes, no punctuation at the end.",
            List.of(Field.text("query", "The user's first question.")),
            List.of(Field.text("name", "The chat title, at most three words.")));

    private final LlmClient llm;

    public ChatTitleService(LlmClient llm) {
        this.llm = llm;
    }

    public String titleFor(String query, String model, CallContext context) {
        if (query == null || query.isBlank()) {
            return ChatService.DEFAULT_TITLE;
        }
        try {
            String name = llm.complete(SIGNATURE, Map.of("query", query), context, CallOptions.model(model).withGeneration(0.5, 300)).text("name");
            String clean = name.replaceAll("[\"'`*#]", "").strip();
            if (!clean.isEmpty()) {
                return clean.length() > ChatService.MAX_TITLE ? clean.substring(0, ChatService.MAX_TITLE) : clean;
            }
        } catch (LlmException modelUnavailable) {
            // fall through to the words of the question
        }
        return fromWords(query);
    }

    static String fromWords(String query) {
        return QuestionTitle.of(query).orElse(ChatService.DEFAULT_TITLE);
    }
}
