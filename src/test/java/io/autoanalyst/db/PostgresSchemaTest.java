package io.autoanalyst.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.EmbeddedPostgresSupport;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PostgresSchemaTest extends SchemaContractTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = EmbeddedPostgresSupport.newDatabaseUrl();
        registry.add("autoanalyst.database.url", () -> url);
    }

    @Test
    void itIsARealPostgresServer() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    }
}
