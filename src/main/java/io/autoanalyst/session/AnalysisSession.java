package io.autoanalyst.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One analysis session (the original's {@code X-Session-ID}): which user owns it and what it
 * points at. Stored in the database, so it survives a restart.
 */
public record AnalysisSession(String sessionId, long userId, Long chatId, Long currentMessageId,
                              Instant createdAt, Instant lastAccessedAt) {
    public AnalysisSession {
        Objects.requireNonNull(sessionId, "sessionId");
    }
}
