package io.autoanalyst.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.PostgresApi;
import org.junit.jupiter.api.Test;

@PostgresApi
class PostgresSchemaTest extends SchemaContractTests {


    @Test
    void itIsARealPostgresServer() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    }

    @Override
    String freshDatabaseUrl() {
        return io.autoanalyst.support.EmbeddedPostgresSupport.newDatabaseUrl();
    }
}
