package io.autoanalyst.chat;

import io.autoanalyst.agent.AgentCatalog;
import io.autoanalyst.agent.AgentDefinition;
import io.autoanalyst.agent.ChatTurnService;
import io.autoanalyst.agent.TurnLine;
import io.autoanalyst.llm.CancellationToken;
import io.autoanalyst.session.SessionContext;
import io.autoanalyst.web.BadRequest;
import io.autoanalyst.web.NdjsonStream;
import io.autoanalyst.web.ServerPaths;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

/**
 * The original's chat routes: {@code POST /chat} streams a planned turn as NDJSON, and
 * {@code POST /chat/{agents}} answers with the named agents in one JSON object.
 */
@RestController
@Tag(name = "Chat", description = "Ask questions; agents answer with code that runs in the session's kernel")
public class ChatStreamController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ChatStreamController.class);

    private final ChatTurns turns;
    private final ChatTurnService turnService;
    private final AgentCatalog catalog;
    private final JsonMapper json;
    private final ServerPaths paths;

    public ChatStreamController(ChatTurns turns, ChatTurnService turnService, AgentCatalog catalog, JsonMapper json,
                                ServerPaths paths) {
        this.turns = turns;
        this.turnService = turnService;
        this.catalog = catalog;
        this.json = json;
        this.paths = paths;
    }

    public record QueryRequest(String query) {
    }

    public record DirectResponse(String agentName, String query, String response, String sessionId) {
    }

    @PostMapping(value = "/chat", produces = {NdjsonStream.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "A planned chat turn, streamed as NDJSON lines {agent, content, status}: the planner, each agent "
            + "as soon as it is ready, fix attempts, the code's outputs (agent code_execution), and always a last line with "
            + "agent turn_complete and status complete or error")
    public ResponseEntity<StreamingResponseBody> chat(SessionContext session,
                                                      @Parameter(description = "Chat whose earlier turns give context (yours only)")
                                                      @RequestParam(name = "chat_id", required = false) Long chatId,
                                                      @Parameter(description = "Store the question and the answer in that chat")
                                                      @RequestParam(name = "save", defaultValue = "false") boolean save,
                                                      @RequestBody QueryRequest body) {
        // When the client goes away the turn's remaining model calls are cancelled and its code is not run.
        CancellationToken clientGone = new CancellationToken();
        ChatTurns.Prepared prepared = turns.prepare(session, requireQuery(body), chatId).withCancellation(clientGone);
        Map<String, AgentDefinition> agents = catalog.plannerAgents(session.userId());
        // runs on Spring's task executor, which carries the request's logging context over (web/LogContext)
        StreamingResponseBody stream = out -> {
            NdjsonStream lines = new NdjsonStream(out, json, paths);
            try {
                ChatTurnService.TurnOutcome outcome = turnService.plannedTurn(session, prepared.turn(), agents, line -> {
                    if (!lines.send(line)) clientGone.cancel();
                });
                if (save) turns.save(session, prepared, outcome);
            } catch (RuntimeException e) {
                // The response is already streaming: the client learns of the failure from the last line.
                log.error("Chat turn failed", e);
                lines.send(TurnLine.TurnComplete.brokeOff("**Error**: the turn failed unexpectedly; the error was logged on the server"));
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(NdjsonStream.CONTENT_TYPE))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header("X-Accel-Buffering", "no")
                .body(stream);
    }

    @PostMapping("/chat/{agentNames}")
    @Operation(summary = "Ask one or several agents directly (comma-separated names); the answer's code is not run")
    public DirectResponse direct(SessionContext session, @PathVariable String agentNames,
                                 @RequestParam(name = "chat_id", required = false) Long chatId,
                                 @RequestBody QueryRequest body) {
        String query = requireQuery(body);
        Map<String, AgentDefinition> available = catalog.individualAgents();
        List<String> names = List.copyOf(new LinkedHashSet<>(Arrays.stream(agentNames.split(","))
                .map(String::strip).filter(n -> !n.isEmpty()).toList()));
        for (String name : names) {
            if (!available.containsKey(name)) {
                throw new BadRequest("Agent '" + name + "' not found. Available agents: " + available.keySet().stream()
                        .filter(n -> !n.equals(AgentCatalog.QA_AGENT)).sorted().toList());
            }
        }
        ChatTurns.Prepared prepared = turns.prepare(session, query, chatId);
        ChatTurnService.TurnOutcome outcome = turnService.directTurn(session, prepared.turn(), names, available);
        return new DirectResponse(agentNames, query, outcome.markdown(), session.sessionId());
    }

    private static String requireQuery(QueryRequest body) {
        if (body == null || body.query() == null || body.query().isBlank()) {
            throw new BadRequest("query: is required");
        }
        return body.query().strip();
    }
}
