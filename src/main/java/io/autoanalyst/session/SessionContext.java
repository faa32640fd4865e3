package io.autoanalyst.session;

import io.autoanalyst.auth.User;
import java.util.Objects;

/**
 * The resolved session of a request and its owner, who is the caller: a controller that takes
 * this parameter only ever sees the caller's own session.
 */
public record SessionContext(AnalysisSession session, User owner) {
    public SessionContext {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(owner, "owner");
    }

    public String sessionId() {
        return session.sessionId();
    }

    public long userId() {
        return owner.userId();
    }
}
