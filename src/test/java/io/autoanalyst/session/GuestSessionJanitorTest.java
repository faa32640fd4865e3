package io.autoanalyst.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@SqliteApi
class GuestSessionJanitorTest extends ApiTestBase {

    @Autowired
    GuestSessionJanitor janitor;

    @Autowired
    JdbcClient jdbc;

    @Test
    void guestSessionsUnusedForTheRetentionPeriodAreRemovedWithTheirGuest() {
        String stale = newSessionId();
        long guest = api.session(stale).post("/initialize-session", Map.of()).json().path("user_id").asLong();
        api.session(stale).post("/chats", null);
        String fresh = newSessionId();
        api.session(fresh).post("/initialize-session", Map.of());
        String owned = newSessionId();
        Api ann = signedInUser("ann").session(owned);
        ann.get("/api/session-info");
        long usage = jdbc.sql("INSERT INTO model_usage (user_id, session_id, model_name, provider) VALUES (?, ?, 'offline', 'offline') RETURNING usage_id")
                .params(guest, stale).query(Long.class).single();
        Timestamp longAgo = Timestamp.from(Instant.now().minus(40, ChronoUnit.DAYS));
        jdbc.sql("UPDATE analysis_sessions SET last_accessed_at = ? WHERE session_id IN (?, ?)").params(longAgo, stale, owned).update();

        assertThat(janitor.purge()).isGreaterThanOrEqualTo(1);

        assertThat(count("analysis_sessions WHERE session_id = '" + stale + "'")).isZero();
        assertThat(count("users WHERE user_id = " + guest)).isZero();
        assertThat(count("chats WHERE user_id = " + guest)).isZero();
        assertThat(count("model_usage WHERE usage_id = " + usage + " AND user_id IS NULL")).as("usage history kept").isEqualTo(1);
        assertThat(count("analysis_sessions WHERE session_id = '" + fresh + "'")).as("recently used").isEqualTo(1);
        assertThat(count("analysis_sessions WHERE session_id = '" + owned + "'")).as("a signed-in user's").isEqualTo(1);
        // the old id, if it comes back, is simply a new guest session
        assertThat(api.session(stale).post("/initialize-session", Map.of()).json().path("user_id").asLong()).isNotEqualTo(guest);
    }

    private long count(String fromWhere) {
        return jdbc.sql("SELECT count(*) FROM " + fromWhere).query(Long.class).single();
    }
}
