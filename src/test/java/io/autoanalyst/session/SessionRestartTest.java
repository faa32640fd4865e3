package io.autoanalyst.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.AutoAnalystApplication;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Sessions, users and tokens live in the database, so a restarted server still knows them. */
class SessionRestartTest {

    private final String databaseUrl = SqliteDatabase.newUrl();

    @Test
    void sessionsAndTokensSurviveARestartOfTheApplication() {
        String guestSession = ApiTestBase.newSessionId();
        String userSession = ApiTestBase.newSessionId();
        String token;
        long guestId;
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            guestId = api.session(guestSession).post("/initialize-session", Map.of()).json().path("user_id").asLong();
            token = api.post("/auth/register", Map.of("username", "rita", "email", "rita@example.org", "password", "s3cret-pass"))
                    .json().path("token").asString();
            assertThat(api.bearer(token).session(userSession).get("/api/session-info").status()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            Api.Response guest = api.session(guestSession).post("/initialize-session", Map.of());
            assertThat(guest.status()).isEqualTo(200);
            assertThat(guest.json().path("user_id").asLong()).as("same guest owns it").isEqualTo(guestId);
            assertThat(api.bearer(token).get("/auth/me").json().path("email").asString()).isEqualTo("rita@example.org");
            assertThat(api.bearer(token).session(userSession).get("/api/session-info").status()).isEqualTo(200);
            assertThat(api.session(userSession).get("/api/session-info").status()).as("still not anyone's").isEqualTo(404);
        }
    }

    private ConfigurableApplicationContext start() {
        // Command-line arguments outrank application.yml (default properties would not).
        return new SpringApplicationBuilder(AutoAnalystApplication.class)
                .run("--server.port=0", "--autoanalyst.database.url=" + databaseUrl, "--logging.level.root=WARN");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
