package io.autoanalyst.chat;

import io.autoanalyst.agent.AgentSettings;
import io.autoanalyst.agent.ChatTurnService;
import io.autoanalyst.agent.ConversationMemory;
import io.autoanalyst.agent.TurnContext;
import io.autoanalyst.agent.TurnDatasets;
import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import io.autoanalyst.llm.ConversationGoal;
import io.autoanalyst.session.ModelSettings;
import io.autoanalyst.session.ModelSettingsService;
import io.autoanalyst.session.SessionContext;
import io.autoanalyst.web.BadRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything a chat turn needs before it streams (checked first, so a bad request is a plain 4xx,
 * not an error in the middle of a stream), and storing the turn afterwards.
 */
@Component
public class ChatTurns {

    static final String NO_DATASET = "No dataset is currently loaded. Please link a dataset before proceeding with your analysis.";

    private final TurnDatasets datasets;
    private final ModelSettingsService models;
    private final ChatRepository chats;
    private final ConversationMemory memory;
    private final Clock clock;
    private final JsonMapper json;

    public ChatTurns(TurnDatasets datasets, ModelSettingsService models, ChatRepository chats, Clock clock,
                     AgentSettings settings, JsonMapper json) {
        this.json = json;
        this.datasets = datasets;
        this.models = models;
        this.chats = chats;
        this.clock = clock;
        this.memory = new ConversationMemory(settings.memoryTokens());
    }

    /** @param chatId the chat the turn belongs to; null when it is not the caller's */
    public record Prepared(TurnContext turn, String query, Long chatId) {
        public Prepared withCancellation(io.autoanalyst.llm.CancellationToken token) {
            return new Prepared(new TurnContext(turn.goal(), turn.dataset(), turn.call(), turn.options().withCancellation(token)),
                    query, chatId);
        }
    }

    public Prepared prepare(SessionContext session, String query, Long requestedChat) {
        String dataset = datasets.describe(session.sessionId()).orElseThrow(() -> new BadRequest(NO_DATASET));
        Long chatId = requestedChat != null && chats.findOwned(requestedChat, session.userId()).isPresent() ? requestedChat : null;
        List<ConversationGoal.Turn> history = chatId == null ? List.of()
                : memory.history(chats.conversation(chatId));
        ModelSettings model = models.current(session);
        CallContext call = new CallContext(session.userId(), chatId, session.sessionId(), null, model.apiKey());
        CallOptions options = CallOptions.model(model.model()).withGeneration(model.temperature(), model.maxTokens());
        return new Prepared(new TurnContext(ConversationGoal.compose(query, history), dataset, call, options), query, chatId);
    }

    /** Stores the question and the answer (agents, code, outputs, model) in the turn's chat, if it has one. */
    public void save(SessionContext session, Prepared prepared, ChatTurnService.TurnOutcome outcome) {
        if (prepared.chatId() == null) return;
        chats.insertMessage(prepared.chatId(), "user", prepared.query(), null, null, null, null, clock.instant());
        String outputs = outcome.execution() == null ? null : json.writeValueAsString(Map.of(
                "output", outcome.execution().output(),
                "plotly_outputs", outcome.execution().plotlyOutputs(),
                "matplotlib_outputs", outcome.execution().matplotlibOutputs(),
                "is_successful", outcome.execution().successful()));
        chats.insertMessage(prepared.chatId(), "ai", outcome.markdown(), outcome.agents(), outcome.code(), outputs, outcome.model(), clock.instant());
    }
}
