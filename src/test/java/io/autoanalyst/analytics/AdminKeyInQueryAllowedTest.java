package io.autoanalyst.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.SqliteDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The operator's compatibility switch for the original frontend's feedback proxy, which sends the key in the query. */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.auth.admin-api-key=query-key-that-must-not-be-logged",
        "autoanalyst.auth.allow-admin-key-in-query=true",
        "autoanalyst.kernel.pool-size=0"})
class AdminKeyInQueryAllowedTest {

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = SqliteDatabase.newUrl();
        registry.add("autoanalyst.database.url", () -> url);
        registry.add("autoanalyst.database.data-dir", () -> SqliteDatabase.newFolder().toString());
        registry.add("autoanalyst.kernel.work-root", () -> SqliteDatabase.newFolder().toString());
    }

    @Test
    void theKeyInTheQueryIsAcceptedAndLoggedWithoutIt(CapturedOutput output) {
        Api api = new Api(port);
        Api.Response summary = api.get("/analytics/feedback/summary?period=7d&admin_api_key=query-key-that-must-not-be-logged");
        assertThat(summary.status()).isEqualTo(200);
        assertThat(summary.json().path("total_feedback").asLong()).isZero();
        assertThat(api.get("/analytics/feedback/summary?admin_api_key=wrong").status()).isEqualTo(403);
        assertThat(output.getAll()).contains("/analytics/feedback/summary?period=7d")
                .doesNotContain("query-key-that-must-not-be-logged");
    }
}
