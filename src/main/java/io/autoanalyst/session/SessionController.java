package io.autoanalyst.session;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.autoanalyst.auth.CurrentCaller;
import io.autoanalyst.db.Ownership;
import io.autoanalyst.session.SessionExceptions.SessionIdRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The original's session routes, with its request and response shapes. */
@RestController
@Tag(name = "Sessions", description = "Analysis sessions (X-Session-ID), each owned by one user")
public class SessionController {

    static final String DEFAULT_DATASET_NAME = "Housing.csv";

    private final SessionService sessions;
    private final SessionRepository repository;
    private final CurrentCaller caller;
    private final Ownership ownership;

    public SessionController(SessionService sessions, SessionRepository repository, CurrentCaller caller, Ownership ownership) {
        this.sessions = sessions;
        this.repository = repository;
        this.caller = caller;
        this.ownership = ownership;
    }

    public record GeneratedSession(String sessionId, String message) {
    }

    /**
     * {@code user_id}, {@code user_email} and {@code user_name} are accepted because the original's
     * frontend sends them; they never decide who owns the session.
     */
    public record InitializeRequest(String sessionId, @JsonAlias("userId") Object userId, String userEmail, String userName) {
    }

    public record InitializedSession(String status, String sessionId, String message, long userId) {
    }

    public record SessionInfo(String sessionId, boolean isCustomDataset, String datasetName, String datasetDescription,
                              String defaultName, boolean hasSession, List<String> sessionKeys) {
    }

    @PostMapping("/generate-session")
    @Operation(summary = "Create a session with a server-chosen id, owned by the caller")
    public GeneratedSession generate() {
        SessionContext created = sessions.createNew(caller.authenticated());
        return new GeneratedSession(created.sessionId(), "Session created successfully");
    }

    @PostMapping("/initialize-session")
    @Operation(summary = "Create (or re-open) the session named in the body or in X-Session-ID")
    public InitializedSession initialize(@RequestBody(required = false) InitializeRequest body, HttpServletRequest request) {
        String id = body != null && body.sessionId() != null && !body.sessionId().isBlank()
                ? body.sessionId().strip()
                : SessionContextResolver.sessionIdOf(request);
        if (id == null) {
            throw new SessionIdRequired();
        }
        SessionContext session = sessions.resolve(id, caller.authenticated());
        return new InitializedSession("success", session.sessionId(), "Session initialized successfully", session.userId());
    }

    public record MessageInfoRequest(Object chatId, Object messageId, Object userId) {
    }

    public record MessageInfo(boolean success, String sessionId, Long messageId, Long chatId, long userId) {
    }

    /**
     * Points the session at a chat and message (what /code/execute records runs against). Ids that
     * are not the caller's own are not stored: the original's frontend sends list positions for
     * chats it never saved, and those must not attach the session to someone else's records.
     */
    @PostMapping("/set-message-info")
    @Operation(summary = "Point the session at one of the caller's chats and messages")
    public MessageInfo setMessageInfo(SessionContext session, @RequestBody MessageInfoRequest body) {
        Long chatId = asLong(body.chatId());
        Long messageId = asLong(body.messageId());
        Long ownChat = chatId != null && ownership.ownsChat(session.userId(), chatId) ? chatId : null;
        Long ownMessage = messageId != null && ownership.ownsMessage(session.userId(), messageId) ? messageId : null;
        repository.setPointers(session.sessionId(), ownChat, ownMessage);
        return new MessageInfo(true, session.sessionId(), ownMessage, ownChat, session.userId());
    }

    private static Long asLong(Object value) {
        if (value instanceof Number n) return n.longValue();
        if (value instanceof String s && s.strip().matches("-?\\d+")) return Long.parseLong(s.strip());
        return null;
    }

    @GetMapping("/api/session-info")
    @Operation(summary = "What the session holds: its dataset and whether it is the default one")
    public SessionInfo info(SessionContext session) {
        var dataset = repository.firstDataset(session.sessionId());
        String name = dataset.map(SessionRepository.DatasetSummary::name).orElse(DEFAULT_DATASET_NAME);
        boolean custom = dataset.map(d -> !d.isDefault()).orElse(false);
        String description = dataset.map(SessionRepository.DatasetSummary::description).orElse(null);
        return new SessionInfo(session.sessionId(), custom, name, description, DEFAULT_DATASET_NAME, true,
                List.of("datasets", "model_config", "user_id", "chat_id"));
    }
}
