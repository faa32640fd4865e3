package io.autoanalyst.chat;

import io.autoanalyst.auth.CurrentCaller;
import io.autoanalyst.auth.User;
import io.autoanalyst.auth.UserRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import java.time.Clock;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's user get-or-create route, kept for its frontend. A signed-in caller always gets
 * their own record. For an anonymous caller it creates a profile (no password, so it cannot sign
 * in) or returns the existing id for that email: in this server a user id grants nothing, since
 * identity comes only from a token or a session, never from an id the client sends.
 */
@RestController
@Tag(name = "Chats")
public class ChatUserController {

    private final UserRepository users;
    private final CurrentCaller caller;
    private final Clock clock;

    public ChatUserController(UserRepository users, CurrentCaller caller, Clock clock) {
        this.users = users;
        this.caller = caller;
        this.clock = clock;
    }

    public record UserRequest(@NotBlank String username, @NotBlank @Email String email) {
    }

    public record UserResponse(long userId, String username, String email, Instant createdAt) {
        static UserResponse of(User u) {
            return new UserResponse(u.userId(), u.username(), u.email(), u.createdAt());
        }
    }

    @PostMapping("/chats/users")
    @Operation(summary = "Get or create a user by email (original shape); signed-in callers get themselves")
    public UserResponse getOrCreate(@Valid @RequestBody UserRequest request) {
        var me = caller.authenticated();
        if (me.isPresent()) {
            return users.findById(me.get().userId()).map(UserResponse::of).orElseThrow();
        }
        String email = truncate(request.email().strip());
        return users.findByEmail(email).map(UserResponse::of).orElseGet(() -> {
            try {
                return UserResponse.of(users.insert(truncate(request.username().strip()), email, null, false, clock.instant()));
            } catch (DuplicateKeyException raced) {
                return users.findByEmail(email).map(UserResponse::of).orElseThrow();
            }
        });
    }

    private static String truncate(String s) {
        return s.length() > 255 ? s.substring(0, 255) : s;
    }
}
