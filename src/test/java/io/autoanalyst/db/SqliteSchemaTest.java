package io.autoanalyst.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.SqliteApi;
import org.junit.jupiter.api.Test;

@SqliteApi
class SqliteSchemaTest extends SchemaContractTests {

    @Test
    void sqliteRunsInWalModeWithABusyTimeout() {
        assertThat(jdbc.sql("PRAGMA journal_mode").query(String.class).single()).isEqualToIgnoringCase("wal");
        assertThat(jdbc.sql("PRAGMA busy_timeout").query(Integer.class).single()).isGreaterThanOrEqualTo(5000);
        assertThat(jdbc.sql("PRAGMA foreign_keys").query(Integer.class).single()).isEqualTo(1);
    }

    @Override
    String freshDatabaseUrl() {
        return io.autoanalyst.support.SqliteDatabase.newUrl();
    }
}
