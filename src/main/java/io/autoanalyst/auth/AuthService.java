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
    private final LoginThrottle throttle;
    private final Clock clock;

    public AuthService(UserRepository users, ApiTokenRepository tokens, TokenCodec codec, PasswordEncoder passwords,
                       AuthSettings settings, LoginThrottle throttle, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.codec = codec;
        this.passwords = passwords;
        this.settings = settings;
        this.throttle = throttle;
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

    /**
     * @param address the client's address, for {@link LoginThrottle}
     * @throws AuthExceptions.LoginThrottled when too many wrong passwords came for this account or from this address
     */
    // a wrong password's count is written in this transaction: the refusal must not roll it back
    @Transactional(noRollbackFor = InvalidCredentials.class)
    public IssuedToken login(String emailOrUsername, String password, String address) {
        Optional<User> found = emailOrUsername.contains("@")
                ? users.findByEmail(emailOrUsername.strip())
                : users.findByUsername(emailOrUsername.strip());
        // one count per account however it is named (email or username, any case); a name that matches
        // no account is stored hashed, since it may be a password typed into the wrong field
        String account = found.map(u -> "user:" + u.userId())
                .orElseGet(() -> "name:" + codec.hash(emailOrUsername.strip().toLowerCase(java.util.Locale.ROOT)));
        LoginThrottle.Attempt attempt = throttle.check(account, address);
        Optional<String> hash = found.filter(u -> !u.guest()).flatMap(u -> users.passwordHash(u.userId()));
        boolean matches = passwords.matches(password, hash.orElse(decoyHash));
        if (hash.isEmpty() || !matches) {
            throttle.failed(account, address);
            throw new InvalidCredentials();
        }
        throttle.succeeded(attempt);
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
