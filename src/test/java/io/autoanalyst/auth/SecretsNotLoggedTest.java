package io.autoanalyst.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;

/** Passwords, tokens and the admin key never reach the log, even at debug level. */
@DirtiesContext // its debug log levels must not outlive it
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.auth.admin-api-key=admin-key-that-must-not-leak",
        "DEBUG=true",
        "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.security=DEBUG",
})
class SecretsNotLoggedTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = SqliteDatabase.newUrl();
        registry.add("autoanalyst.database.url", () -> url);
    }

    @Test
    void passwordsTokensAndTheAdminKeyStayOutOfTheLog(CapturedOutput output) {
        Api api = new Api(port);
        String password = "pa55-word-that-must-not-leak";
        String token = api.post("/auth/register", Map.of("username", "lea", "email", "lea@example.org", "password", password))
                .json().path("token").asString();
        api.post("/auth/login", Map.of("email", "lea@example.org", "password", password));
        api.post("/auth/login", Map.of("email", "lea@example.org", "password", "wrong-" + password));
        String session = ApiTestBase.newSessionId();
        api.bearer(token).session(session).get("/api/session-info");
        api.with("X-Admin-API-Key", "admin-key-that-must-not-leak").get("/actuator/prometheus");

        assertThat(output.getAll()).contains(session) // the log did record the request
                .doesNotContain(password)
                .doesNotContain(token)
                .doesNotContain(token.substring(3))
                .doesNotContain("admin-key-that-must-not-leak");
    }
}
