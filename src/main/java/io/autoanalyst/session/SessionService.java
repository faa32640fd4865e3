package io.autoanalyst.session;

import io.autoanalyst.auth.AuthenticatedUser;
import io.autoanalyst.auth.User;
import io.autoanalyst.auth.UserRepository;
import io.autoanalyst.session.SessionExceptions.GuessableSessionId;
import io.autoanalyst.session.SessionExceptions.InvalidSessionId;
import io.autoanalyst.session.SessionExceptions.SessionNotFound;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds the caller's session or makes one. The rules, which keep the original's frontend working
 * while never trusting a client-sent id for identity:
 * <ul>
 *   <li>a known session answers only to its owner: the signed-in user it belongs to, or, for a
 *       guest's session, any anonymous caller holding its id (the id is the guest's credential,
 *       as in the original);</li>
 *   <li>an unguessable unknown id ({@link SessionIds}) becomes a new session owned by the caller (a new
 *       guest user when the caller is anonymous): the original's frontend invents ids and expects
 *       exactly this;</li>
 *   <li>everything else is 404, whatever the client sends.</li>
 * </ul>
 */
@Service
public class SessionService {

    private static final Logger log = LoggerFactory.getLogger(SessionService.class);
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    /** Writing last-access on every request would serialise all requests on SQLite's single writer. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final SessionRepository sessions;
    private final UserRepository users;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public SessionService(SessionRepository sessions, UserRepository users, TransactionTemplate transactions, Clock clock) {
        this.sessions = sessions;
        this.users = users;
        this.transactions = transactions;
        this.clock = clock;
    }

    public static boolean isWellFormed(String sessionId) {
        return sessionId != null && WELL_FORMED.matcher(sessionId).matches();
    }

    /** The caller's session with this id, created if the id is new. */
    public SessionContext resolve(String sessionId, Optional<AuthenticatedUser> caller) {
        if (!isWellFormed(sessionId)) {
            throw new InvalidSessionId();
        }
        Optional<SessionContext> existing = sessions.findWithOwner(sessionId);
        if (!SessionIds.unguessable(sessionId)) {
            // A guessable id never opens a session, except one made before ids had to be unguessable
            // by a signed-in user, whose token (not the id) is the credential. Same answer whether or
            // not the id exists, so it cannot be probed.
            boolean ownersLegacySession = existing.isPresent() && caller.isPresent()
                    && caller.get().userId() == existing.get().userId();
            if (!ownersLegacySession) {
                throw new GuessableSessionId();
            }
        }
        if (existing.isPresent()) {
            return ownedByCaller(existing.get(), caller);
        }
        return create(sessionId, caller);
    }

    /** A new session with a server-chosen id. */
    public SessionContext createNew(Optional<AuthenticatedUser> caller) {
        return create(UUID.randomUUID().toString(), caller);
    }

    private SessionContext ownedByCaller(SessionContext found, Optional<AuthenticatedUser> caller) {
        AnalysisSession session = found.session();
        User owner = found.owner();
        boolean allowed = caller.isPresent()
                ? caller.get().userId() == owner.userId()
                : owner.guest();
        if (!allowed) {
            throw new SessionNotFound();
        }
        Instant now = clock.instant();
        if (session.lastAccessedAt() == null || session.lastAccessedAt().plus(TOUCH_INTERVAL).isBefore(now)) {
            sessions.touch(session.sessionId(), now);
        }
        return found;
    }

    private SessionContext create(String sessionId, Optional<AuthenticatedUser> caller) {
        SessionContext created = transactions.execute(status -> {
            Instant now = clock.instant();
            User owner = caller
                    .map(c -> users.findById(c.userId()).orElseThrow(SessionNotFound::new))
                    .orElseGet(() -> users.insert("guest", "guest-" + UUID.randomUUID() + "@guest.invalid", null, true, now));
            if (!sessions.insertIfAbsent(sessionId, owner.userId(), now)) {
                // Another request created it first: undo our guest and fall back to the ownership check.
                status.setRollbackOnly();
                return null;
            }
            return new SessionContext(new AnalysisSession(sessionId, owner.userId(), null, null, now, now), owner);
        });
        if (created == null) {
            return ownedByCaller(sessions.findWithOwner(sessionId).orElseThrow(SessionNotFound::new), caller);
        }
        log.info("Created session {} for {} {}", sessionId, created.owner().guest() ? "guest" : "user", created.userId());
        return created;
    }
}
