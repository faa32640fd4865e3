package io.autoanalyst.chat;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.LlmException;
import io.autoanalyst.llm.OfflineLlmClient;
import io.autoanalyst.llm.Signature;
import io.autoanalyst.llm.Signature.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Names a chat after its first question: a model writes a title of at most three words; without a
 * model (or when the call fails) the title is the question's first meaningful words, so a chat
 * never stays "New Chat" for lack of a key.
 */
@Service
public class ChatTitleService {

    static final Signature SIGNATURE = new Signature("chat_history_name",
            "Name this chat in at most three words, from the user's first question. No quotes, no punctuation at the end.",
            List.of(Field.text("query", "The user's first question.")),
            List.of(Field.text("name", "The chat title, at most three words.")));

    private static final Set<String> FILLER = Set.of("a", "an", "the", "of", "in", "on", "for", "to", "me", "my", "please",
            "can", "you", "show", "what", "is", "are", "how", "do", "does", "give", "tell", "and", "with", "about", "i");

    private final LlmClient llm;

    public ChatTitleService(LlmClient llm) {
        this.llm = llm;
    }

    public String titleFor(String query, String model, CallContext context) {
        if (query == null || query.isBlank()) {
            return ChatService.DEFAULT_TITLE;
        }
        if (!OfflineLlmClient.MODEL_ID.equals(model)) {
            try {
                String name = llm.complete(SIGNATURE, Map.of("query", query), context, CallOptions.model(model).withGeneration(0.5, 300)).text("name");
                String clean = name.replaceAll("[\"'`*#]", "").strip();
                if (!clean.isEmpty()) {
                    return clean.length() > ChatService.MAX_TITLE ? clean.substring(0, ChatService.MAX_TITLE) : clean;
                }
            } catch (LlmException modelUnavailable) {
                // fall through to the words of the question
            }
        }
        return fromWords(query);
    }

    static String fromWords(String query) {
        List<String> words = Arrays.stream(query.split("[^\\p{L}\\p{N}_]+"))
                .filter(w -> !w.isBlank() && !FILLER.contains(w.toLowerCase(Locale.ROOT)))
                .limit(3)
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .toList();
        return words.isEmpty() ? ChatService.DEFAULT_TITLE : words.stream().collect(Collectors.joining(" "));
    }
}
