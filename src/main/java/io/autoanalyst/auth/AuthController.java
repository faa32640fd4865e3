package io.autoanalyst.auth;

import com.fasterxml.jackson.annotation.JsonAlias;
import io.autoanalyst.auth.AuthExceptions.AuthenticationRequired;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Accounts and bearer tokens. */
@RestController
@RequestMapping("/auth")
@Tag(name = "Auth", description = "Accounts and bearer tokens. Requests without a token are anonymous guests.")
public class AuthController {

    private final AuthService auth;
    private final UserRepository users;
    private final CurrentCaller caller;

    public AuthController(AuthService auth, UserRepository users, CurrentCaller caller) {
        this.auth = auth;
        this.users = users;
        this.caller = caller;
    }

    public record RegisterRequest(
            @NotBlank @Size(max = 100) String username,
            @NotBlank @Email @Size(max = 255) String email,
            @NotBlank @Size(min = 8, max = 200, message = "must be 8 to 200 characters") String password) {
        // Framework debug logging prints request bodies through toString: keep the password out.
        @Override
        public String toString() {
            return "RegisterRequest[username=" + username + ", email=" + email + ", password=***]";
        }
    }

    public record LoginRequest(
            @NotBlank @JsonAlias("username") String email,
            @NotBlank String password) {
        @Override
        public String toString() {
            return "LoginRequest[email=" + email + ", password=***]";
        }
    }

    public record TokenResponse(long userId, String username, String email, String token, String tokenType,
                                Instant expiresAt) {
        static TokenResponse of(AuthService.IssuedToken issued) {
            User u = issued.user();
            return new TokenResponse(u.userId(), u.username(), u.email(), issued.token(), "bearer", issued.expiresAt());
        }

        @Override
        public String toString() {
            return "TokenResponse[userId=" + userId + ", token=***, expiresAt=" + expiresAt + "]";
        }
    }

    public record UserResponse(long userId, String username, String email, Instant createdAt) {
        static UserResponse of(User u) {
            return new UserResponse(u.userId(), u.username(), u.email(), u.createdAt());
        }
    }

    public record Message(String message) {
    }

    @PostMapping("/register")
    @Operation(summary = "Create an account and get a bearer token")
    public ResponseEntity<TokenResponse> register(@Valid @RequestBody RegisterRequest request) {
        var issued = auth.register(request.username(), request.email(), request.password());
        return ResponseEntity.status(HttpStatus.CREATED).body(TokenResponse.of(issued));
    }

    @PostMapping("/login")
    @Operation(summary = "Exchange email (or username) and password for a bearer token; repeated wrong passwords "
            + "for an account or from an address are answered 429 with Retry-After")
    public TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return TokenResponse.of(auth.login(request.email(), request.password(), http.getRemoteAddr()));
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in user", security = @SecurityRequirement(name = "bearer"))
    public UserResponse me() {
        AuthenticatedUser me = caller.authenticated().orElseThrow(AuthenticationRequired::new);
        return users.findById(me.userId()).map(UserResponse::of).orElseThrow(AuthenticationRequired::new);
    }

    @PostMapping("/logout")
    @Operation(summary = "Revoke the token this request carries", security = @SecurityRequirement(name = "bearer"))
    public Message logout() {
        AuthenticatedUser me = caller.authenticated().orElseThrow(AuthenticationRequired::new);
        auth.logout(me);
        return new Message("Logged out: this token no longer works");
    }
}
