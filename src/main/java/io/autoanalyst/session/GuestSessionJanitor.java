package io.autoanalyst.session;

import io.autoanalyst.db.SqlTime;
import io.autoanalyst.instance.BackgroundLeases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Anonymous use creates a guest user per session, and guests never come back once their browser
 * forgets the id. Guest sessions unused for the retention period are removed with their datasets,
 * chats and guest user, so a public server does not grow without end. Usage rows stay (their user
 * is nulled) so cost analytics keep their history. Signed-in users' sessions are never removed.
 */
@Component
public class GuestSessionJanitor {

    private static final Logger log = LoggerFactory.getLogger(GuestSessionJanitor.class);

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration retention;
    private final BackgroundLeases leases;

    /** Shorter than the schedule's 6 h, so the next firing on any instance finds the lease free. */
    private static final Duration ONCE_PER = Duration.ofHours(5);

    public GuestSessionJanitor(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock,
                               SessionSettings settings, BackgroundLeases leases) {
        this.jdbc = jdbc;
        this.leases = leases;
        this.events = events;
        this.clock = clock;
        this.retention = settings.guestRetention();
    }

    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT6H")
    public void scheduled() {
        try {
            purgeOnceAcrossInstances();
        } catch (RuntimeException e) {
            log.warn("Guest session clean-up failed; it runs again later", e);
        }
    }

    /**
     * Purges unless another instance (or this one) did within the last few hours: every instance's
     * schedule fires, one does the work.
     *
     * @return whether this instance ran the purge
     */
    public boolean purgeOnceAcrossInstances() {
        if (!leases.tryTake("guest-session-cleanup", ONCE_PER)) return false;
        purge();
        return true;
    }

    /** @return how many guest sessions were removed */
    public int purge() {
        List<String> expired = jdbc.sql("SELECT s.session_id FROM analysis_sessions s JOIN users u ON u.user_id = s.user_id "
                        + "WHERE u.is_guest = ? AND s.last_accessed_at < ?")
                .params(true, SqlTime.of(clock.instant().minus(retention)))
                .query(String.class)
                .list();
        for (String sessionId : expired) {
            events.publishEvent(new SessionExpired(sessionId));
            jdbc.sql("DELETE FROM analysis_sessions WHERE session_id = ?").param(sessionId).update();
        }
        // recorded kernel runs and leases of sessions that no longer exist (removed here or by their user)
        jdbc.sql("DELETE FROM kernel_runs WHERE NOT EXISTS (SELECT 1 FROM analysis_sessions s WHERE s.session_id = kernel_runs.session_id)")
                .update();
        jdbc.sql("DELETE FROM kernel_leases WHERE NOT EXISTS "
                        + "(SELECT 1 FROM analysis_sessions s WHERE s.session_id = kernel_leases.session_id)")
                .update();
        int users = jdbc.sql("DELETE FROM users WHERE is_guest = ? AND NOT EXISTS "
                        + "(SELECT 1 FROM analysis_sessions s WHERE s.user_id = users.user_id)")
                .param(true)
                .update();
        if (!expired.isEmpty() || users > 0) {
            log.info("Removed {} guest session(s) unused for {} and {} guest user(s)", expired.size(), retention, users);
        }
        return expired.size();
    }
}
