package io.autoanalyst.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.SqliteDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no ADMIN_API_KEY the admin routes are off: no default key opens them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "autoanalyst.auth.admin-api-key=")
class AdminKeyUnsetTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = SqliteDatabase.newUrl();
        registry.add("autoanalyst.database.url", () -> url);
    }

    @Test
    void adminRoutesAreDisabledWhateverKeyIsSent() {
        Api api = new Api(port);
        for (String key : new String[] {"default-admin-key-change-me", "", "anything"}) {
            Api.Response response = api.with("X-Admin-API-Key", key).get("/actuator/prometheus");
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.detail()).contains("set ADMIN_API_KEY");
        }
    }

    @Test
    void healthProbesStayOpen() {
        assertThat(new Api(port).get("/actuator/health/liveness").status()).isEqualTo(200);
    }
}
