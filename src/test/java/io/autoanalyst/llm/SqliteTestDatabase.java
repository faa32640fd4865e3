package io.autoanalyst.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A migrated SQLite file in a temp directory, connected the way the application connects. */
final class SqliteTestDatabase {

    final JdbcClient jdbc;
    final Path file;

    SqliteTestDatabase(Path directory) throws IOException {
        this.file = Files.createTempFile(directory, "llm-test", ".db");
        String url = "jdbc:sqlite:" + file;
        Properties properties = new Properties();
        properties.setProperty("date_class", "TEXT");
        properties.setProperty("date_string_format", "yyyy-MM-dd HH:mm:ss.SSS");
        properties.setProperty("foreign_keys", "true");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, properties);
        dataSource.setDriverClassName("org.sqlite.JDBC");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite").load().migrate();
        this.jdbc = JdbcClient.create(dataSource);
    }

    long insertUser(String name) {
        return jdbc.sql("INSERT INTO users (username, email) VALUES (:n, :e) RETURNING user_id")
                .param("n", name).param("e", name + "@example.org").query(Long.class).single();
    }

    long insertChat(long userId) {
        return jdbc.sql("INSERT INTO chats (user_id, title) VALUES (:u, 'test chat') RETURNING chat_id")
                .param("u", userId).query(Long.class).single();
    }
}
