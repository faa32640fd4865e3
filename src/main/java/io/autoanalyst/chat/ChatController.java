package io.autoanalyst.chat;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.autoanalyst.auth.AdminKeyGuard;
import io.autoanalyst.session.Caller;
import io.autoanalyst.session.SessionContextResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import tools.jackson.databind.node.ObjectNode;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's chat persistence routes with their shapes. The owner is always the caller (signed
 * in, or the guest of the X-Session-ID session); {@code user_id} in queries and bodies is accepted
 * for compatibility and ignored, so nobody lists or reads another user's chats.
 */
@RestController
@RequestMapping("/chats")
@Validated
@Tag(name = "Chats", description = "Chat history: chats and their messages, owned by the caller")
public class ChatController {

    private final ChatService chats;
    private final AdminKeyGuard adminKey;
    private final SessionContextResolver callers;
    private final NotebookExporter notebooks;

    public ChatController(ChatService chats, AdminKeyGuard adminKey, SessionContextResolver callers, NotebookExporter notebooks) {
        this.chats = chats;
        this.adminKey = adminKey;
        this.callers = callers;
        this.notebooks = notebooks;
    }

    public record CreateChatRequest(@JsonAlias("userId") Object userId, Boolean isAdmin, String title) {
    }

    public record ChatResponse(long chatId, String title, Instant createdAt, Long userId) {
        static ChatResponse of(Chat c) {
            return new ChatResponse(c.chatId(), c.title(), c.createdAt(), c.userId());
        }
    }

    public record MessageRequest(
            @NotNull(message = "is required") String content,
            @NotNull(message = "is required") @Pattern(regexp = "user|ai", message = "must be 'user' or 'ai'") String sender,
            String agent, String code, String outputs, String modelName) {
    }

    /** The original's fields, plus the code, its outputs (JSON text) and the model, so a reopened chat shows its results. */
    public record MessageResponse(long messageId, long chatId, String content, String sender, Instant timestamp, String agent,
                                  String code, String outputs, String modelName) {
        static MessageResponse of(Message m) {
            return new MessageResponse(m.messageId(), m.chatId(), m.content(), m.sender(), m.timestamp(), m.agent(),
                    m.code(), m.outputs(), m.modelName());
        }
    }

    public record ChatDetailResponse(long chatId, String title, Instant createdAt, Long userId, List<MessageResponse> messages) {
    }

    public record UpdateChatRequest(String title, Object userId) {
    }

    public record DeletedChat(String message, boolean preservedModelUsage) {
    }

    public record CleanupRequest(Object userId, Boolean isAdmin) {
    }

    public record CleanupResponse(String message) {
    }

    @PostMapping({"", "/"})
    @Operation(summary = "Create a chat owned by the caller")
    public ChatResponse create(Caller caller, @RequestBody(required = false) CreateChatRequest body) {
        return ChatResponse.of(chats.create(caller, body == null ? null : body.title()));
    }

    @GetMapping({"", "/"})
    @Operation(summary = "The caller's chats, newest first")
    public List<ChatResponse> list(Caller caller,
                                   @RequestParam(defaultValue = "10") @Min(1) @Max(100) int limit,
                                   @RequestParam(defaultValue = "0") @Min(0) int offset,
                                   @Parameter(description = "Accepted for compatibility; ignored") @RequestParam(name = "user_id", required = false) String userId) {
        return chats.list(caller, limit, offset).stream().map(ChatResponse::of).toList();
    }

    @GetMapping("/{chatId}")
    @Operation(summary = "A chat with its messages in order")
    public ChatDetailResponse get(Caller caller, @PathVariable long chatId) {
        ChatService.Conversation conversation = chats.conversation(caller, chatId);
        Chat chat = conversation.chat();
        List<MessageResponse> messages = conversation.messages().stream().map(MessageResponse::of).toList();
        return new ChatDetailResponse(chat.chatId(), chat.title(), chat.createdAt(), chat.userId(), messages);
    }

    @GetMapping(value = "/{chatId}/notebook", produces = "application/x-ipynb+json")
    @Operation(summary = "The chat as a Jupyter notebook (.ipynb, nbformat 4) with its code and outputs")
    public ResponseEntity<ObjectNode> notebook(Caller caller, @PathVariable long chatId) {
        ChatService.Conversation conversation = chats.conversation(caller, chatId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(conversation.chat(), ".ipynb"))
                .body(notebooks.notebook(conversation.chat(), conversation.messages()));
    }

    @GetMapping(value = "/{chatId}/script", produces = "text/x-python")
    @Operation(summary = "The chat's code as one Python script")
    public ResponseEntity<String> script(Caller caller, @PathVariable long chatId) {
        ChatService.Conversation conversation = chats.conversation(caller, chatId);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(conversation.chat(), ".py"))
                .body(notebooks.script(conversation.chat(), conversation.messages()));
    }

    private static String attachment(Chat chat, String extension) {
        String base = chat.title().replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        String name = (base.isEmpty() ? "chat_" + chat.chatId() : base) + extension;
        return ContentDisposition.attachment().filename(name).build().toString();
    }

    @PostMapping("/{chatId}/messages")
    @Operation(summary = "Add a message to one of the caller's chats")
    public MessageResponse addMessage(Caller caller, @PathVariable long chatId, @Valid @RequestBody MessageRequest body) {
        Message message = chats.addMessage(caller, chatId,
                new ChatService.NewMessage(body.sender(), body.content(), body.agent(), body.code(), body.outputs(), body.modelName()));
        return MessageResponse.of(message);
    }

    @PutMapping("/{chatId}")
    @Operation(summary = "Rename a chat (title truncated to 255 characters)")
    public ChatResponse update(Caller caller, @PathVariable long chatId, @RequestBody UpdateChatRequest body) {
        return ChatResponse.of(chats.rename(caller, chatId, body.title()));
    }

    @DeleteMapping("/{chatId}")
    @Operation(summary = "Delete a chat and its messages; its model-usage rows are kept with the chat removed")
    public DeletedChat delete(Caller caller, @PathVariable long chatId) {
        chats.delete(caller, chatId);
        return new DeletedChat("Chat " + chatId + " deleted successfully", true);
    }

    @PostMapping("/cleanup-empty")
    @Operation(summary = "Delete empty chats: the caller's own, or with the admin key everyone's")
    public CleanupResponse cleanupEmpty(HttpServletRequest request, @RequestBody(required = false) CleanupRequest body) {
        boolean everyone = request.getHeader(AdminKeyGuard.HEADER) != null || (body != null && Boolean.TRUE.equals(body.isAdmin()));
        int deleted;
        if (everyone) {
            adminKey.check(request);
            deleted = chats.deleteEmpty(null);
        } else {
            deleted = chats.deleteEmpty(callers.callerOf(request).userId());
        }
        return new CleanupResponse("Deleted " + deleted + " empty chats");
    }
}
