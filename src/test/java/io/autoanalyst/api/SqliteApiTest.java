package io.autoanalyst.api;

import io.autoanalyst.support.SqliteDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The HTTP contract on an SQLite file. */
class SqliteApiTest extends ApiContractTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = SqliteDatabase.newUrl();
        registry.add("autoanalyst.database.url", () -> url);
    }
}
