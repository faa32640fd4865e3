package io.autoanalyst.dataset;

import io.autoanalyst.support.SqliteDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dataset routes on an SQLite file. */
class SqliteDatasetApiTest extends DatasetApiTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = SqliteDatabase.newUrl();
        String dataDir = SqliteDatabase.newFolder().toString();
        registry.add("autoanalyst.database.url", () -> url);
        registry.add("autoanalyst.database.data-dir", () -> dataDir);
    }
}
