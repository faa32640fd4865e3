package io.autoanalyst.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.SqliteDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SqliteSchemaTest extends SchemaContractTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = SqliteDatabase.newUrl();
        registry.add("autoanalyst.database.url", () -> url);
    }

    @Test
    void sqliteRunsInWalModeWithABusyTimeout() {
        assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualToIgnoringCase("wal");
        assertThat(jdbc.sql("PRAGMA busy_timeout").query(Integer.class).single()).isGreaterThanOrEqualTo(5000);
        assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
    }
}
