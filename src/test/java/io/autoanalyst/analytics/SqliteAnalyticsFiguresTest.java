package io.autoanalyst.analytics;

import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteDatabase;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.auth.admin-api-key=" + ApiTestBase.ADMIN_KEY, "autoanalyst.kernel.pool-size=0",
        "autoanalyst.llm.default-model=", "autoanalyst.llm.openai.api-key=", "autoanalyst.llm.openai.base-url=",
        "autoanalyst.llm.anthropic.api-key=", "autoanalyst.llm.gemini.api-key=", "autoanalyst.llm.groq.api-key="})
@Import(AnalyticsFiguresTests.FixedClock.class)
class SqliteAnalyticsFiguresTest extends AnalyticsFiguresTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = SqliteDatabase.newUrl();
        registry.add("autoanalyst.database.url", () -> url);
        registry.add("autoanalyst.database.data-dir", () -> SqliteDatabase.newFolder().toString());
        registry.add("autoanalyst.kernel.work-root", () -> SqliteDatabase.newFolder().toString());
    }
}
