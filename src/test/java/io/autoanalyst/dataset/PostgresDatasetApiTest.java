package io.autoanalyst.dataset;

import io.autoanalyst.support.EmbeddedPostgresSupport;
import io.autoanalyst.support.SqliteDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dataset routes on a real PostgreSQL server (embedded, started by the test). */
class PostgresDatasetApiTest extends DatasetApiTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgresSupport.newDatabaseUrl();
        String dataDir = SqliteDatabase.newFolder().toString();
        registry.add("autoanalyst.database.url", () -> url);
        registry.add("autoanalyst.database.data-dir", () -> dataDir);
    }
}
