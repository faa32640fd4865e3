package io.autoanalyst.api;

import io.autoanalyst.support.EmbeddedPostgresSupport;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HTTP contract on a real PostgreSQL server (embedded, started by the test). */
class PostgresApiTest extends ApiContractTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgresSupport.newDatabaseUrl();
        registry.add("autoanalyst.database.url", () -> url);
    }
}
