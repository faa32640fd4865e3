package io.autoanalyst.analytics;

import io.autoanalyst.db.Ownership;
import io.autoanalyst.session.Caller;
import io.autoanalyst.session.IdentityRequired;
import io.autoanalyst.web.NotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's feedback routes: one 1–5 rating per message, only on the caller's own messages. The original
 * frontend reads ratings without any identity; such reads answer "no rating" (404, or an empty list), which is
 * what its page expects, and rating without an identity is a 401.
 */
@RestController
@RequestMapping("/feedback")
@Tag(name = "Feedback", description = "Ratings of AI answers")
public class FeedbackController {

    private final FeedbackRepository feedback;
    private final Ownership ownership;
    private final Clock clock;

    public FeedbackController(FeedbackRepository feedback, Ownership ownership, Clock clock) {
        this.feedback = feedback;
        this.ownership = ownership;
        this.clock = clock;
    }

    /** {@code message_id} in the body is accepted for compatibility; the path decides. */
    public record FeedbackRequest(Long messageId,
                                  @NotNull(message = "is required") @Min(value = 1, message = "must be from 1 to 5")
                                  @Max(value = 5, message = "must be from 1 to 5") Integer rating,
                                  String modelName, String modelProvider, Double temperature, Integer maxTokens) {
    }

    @PostMapping("/message/{messageId}")
    @Transactional
    @Operation(summary = "Rate a message (a second rating replaces the first)")
    public Feedback rate(Optional<Caller> identified, @PathVariable long messageId, @Valid @RequestBody FeedbackRequest body) {
        Caller caller = identified.orElseThrow(IdentityRequired::new);
        if (!ownership.ownsMessage(caller.userId(), messageId)) {
            throw new NotFound("Message " + messageId + " not found");
        }
        feedback.upsert(messageId, body.rating(), body.modelName(), body.modelProvider(), body.temperature(), body.maxTokens(), clock.instant());
        return feedback.forMessage(messageId, caller.userId()).orElseThrow();
    }

    @GetMapping("/message/{messageId}")
    @Operation(summary = "The rating of one message")
    public Feedback get(Optional<Caller> caller, @PathVariable long messageId) {
        return caller.flatMap(c -> feedback.forMessage(messageId, c.userId()))
                .orElseThrow(() -> new NotFound("No feedback found for message with ID " + messageId));
    }

    @GetMapping("/chat/{chatId}")
    @Operation(summary = "Ratings of every message of a chat")
    public List<Feedback> forChat(Optional<Caller> identified, @PathVariable long chatId) {
        if (identified.isEmpty()) {
            return List.of();
        }
        Caller caller = identified.get();
        if (!ownership.ownsChat(caller.userId(), chatId)) {
            throw new NotFound("Chat " + chatId + " not found");
        }
        return feedback.forChat(chatId, caller.userId());
    }
}
