package io.autoanalyst.chat;

import io.autoanalyst.auth.User;
import io.autoanalyst.auth.UserRepository;
import io.autoanalyst.session.Caller;
import io.autoanalyst.session.SessionExceptions.SessionNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's user get-or-create route, kept for its frontend, which reads the {@code user_id}
 * it answers. It answers only for the caller: the signed-in user, or the guest who owns the
 * session in {@code X-Session-ID}. It never looks a user up by the email sent, nor creates one:
 * that revealed other accounts' ids and names, let anyone claim an email before its owner
 * registered, and made passwordless names that shadowed real ones. Accounts come from
 * {@code POST /auth/register}.
 */
@RestController
@Tag(name = "Chats")
public class ChatUserController {

    private final UserRepository users;

    public ChatUserController(UserRepository users) {
        this.users = users;
    }

    /** Accepted for compatibility; the answer never depends on it. */
    public record UserRequest(String username, String email) {
    }

    public record UserResponse(long userId, String username, String email, Instant createdAt) {
        static UserResponse of(User u) {
            return new UserResponse(u.userId(), u.username(), u.email(), u.createdAt());
        }
    }

    @PostMapping("/chats/users")
    @Operation(summary = "The caller's own user record (original shape); the body is accepted and ignored")
    public UserResponse caller(Caller caller, @RequestBody(required = false) UserRequest ignored) {
        return users.findById(caller.userId()).map(UserResponse::of).orElseThrow(SessionNotFound::new);
    }
}
