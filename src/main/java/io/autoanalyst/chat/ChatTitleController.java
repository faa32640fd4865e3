package io.autoanalyst.chat;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.session.ModelSettings;
import io.autoanalyst.session.ModelSettingsService;
import io.autoanalyst.session.SessionContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The original's chat naming route. */
@RestController
@Tag(name = "Chats")
public class ChatTitleController {

    private final ChatTitleService titles;
    private final ModelSettingsService models;

    public ChatTitleController(ChatTitleService titles, ModelSettingsService models) {
        this.titles = titles;
        this.models = models;
    }

    @PostMapping("/chat_history_name")
    @Operation(summary = "A title of at most three words for a chat, from its first question")
    public Map<String, String> name(SessionContext session, @RequestBody Map<String, Object> body) {
        Object query = body.get("query");
        ModelSettings settings = models.current(session);
        CallContext context = new CallContext(session.userId(), null, session.sessionId(), "chat_history_name", settings.apiKey());
        return Map.of("name", titles.titleFor(query == null ? null : query.toString(), settings.model(), context));
    }
}
