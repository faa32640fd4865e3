package io.autoanalyst.auth;

import io.autoanalyst.auth.AuthExceptions.EmailAlreadyRegistered;
import io.autoanalyst.auth.AuthExceptions.InvalidCredentials;
import io.autoanalyst.auth.AuthExceptions.UsernameTaken;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign up, sign in, sign out. */
@Service
public class AuthService {

    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    /** Compared against when the email is unknown, so a wrong email costs as long as a wrong password. */
    private final String decoyHash;

    private final UserRepository users;
    private final ApiTokenRepository tokens;
    private final TokenCodec codec;
    private final PasswordEncoder passwords;
    private final AuthSettings settings;
    private final Clock clock;

    public AuthService(UserRepository users, ApiTokenRepository tokens, TokenCodec codec, PasswordEncoder passwords,
                       AuthSettings settings, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.codec = codec;
        this.passwords = passwords;
        this.settings = settings;
        this.clock = clock;
        this.decoyHash = passwords.encode("decoy-password-for-timing");
    }

    /** A token issued at sign-up or sign-in; the raw token is shown to the caller once and never stored. */
    public record IssuedToken(User user, String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[user=" + user.userId() + ", token=***, expiresAt=" + expiresAt + "]";
        }
    }

    @Transactional
    public IssuedToken register(String username, String email, String password) {
        if (users.findByEmail(email.strip()).isPresent()) {
            throw new EmailAlreadyRegistered();
        }
        if (users.findByUsername(username.strip()).isPresent()) {
            throw new UsernameTaken();
        }
        User user;
        try {
            user = users.insert(username.strip(), email.strip(), passwords.encode(password), false, clock.instant());
        } catch (DuplicateKeyException e) {
            // Another registration took the email or the name since the checks above. The failed
            // insert ends the transaction on PostgreSQL, so which one cannot be asked here.
            throw new UsernameTaken.OrEmail();
        }
        log.info("Registered user {}", user.userId());
        return issue(user);
    }

    @Transactional
    public IssuedToken login(String emailOrUsername, String password) {
        Optional<User> found = emailOrUsername.contains("@")
                ? users.findByEmail(emailOrUsername.strip())
                : users.findByUsername(emailOrUsername.strip());
        Optional<String> hash = found.filter(u -> !u.guest()).flatMap(u -> users.passwordHash(u.userId()));
        boolean matches = passwords.matches(password, hash.orElse(decoyHash));
        if (hash.isEmpty() || !matches) {
            throw new InvalidCredentials();
        }
        return issue(found.get());
    }

    public void logout(AuthenticatedUser caller) {
        tokens.revoke(caller.tokenId(), clock.instant());
    }

    public Optional<AuthenticatedUser> authenticate(String rawToken) {
        return tokens.findLive(codec.hash(rawToken), clock.instant());
    }

    private IssuedToken issue(User user) {
        String token = codec.newToken();
        Instant now = clock.instant();
        Instant expires = now.plus(settings.tokenTtl());
        tokens.insert(user.userId(), codec.hash(token), now, expires);
        return new IssuedToken(user, token, expires);
    }
}
