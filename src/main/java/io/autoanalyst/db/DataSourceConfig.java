package io.autoanalyst.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Chooses SQLite or PostgreSQL from DATABASE_URL and tunes each for concurrent requests. */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfig {

    private static final Logger log = LoggerFactory.getLogger(DataSourceConfig.class);

    @Bean
    DatabaseUrl databaseUrl(DatabaseSettings settings) {
        return settings.resolve();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(DatabaseUrl url, DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("auto-analyst-db");
        config.setJdbcUrl(url.jdbcUrl());
        if (url.username() != null) config.setUsername(url.username());
        if (url.password() != null) config.setPassword(url.password());
        config.setMaximumPoolSize(settings.poolSizeFor(url));
        if (url.vendor() == DatabaseUrl.Vendor.SQLITE) {
            createParentFolder(url.jdbcUrl());
            // WAL lets readers proceed while one writer commits. SQLite serialises writers; without a
            // busy timeout a second writer fails at once with "database is locked" instead of waiting
            // a few milliseconds. IMMEDIATE transactions take the write lock up front, so a reader
            // never has to upgrade to a writer mid-transaction (an upgrade cannot wait: it fails).
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "NORMAL");
            config.addDataSourceProperty("busy_timeout", String.valueOf(settings.busyTimeout().toMillis()));
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            // Dates as sortable text, the layout SQLite's own strftime writes, so SQL date functions work.
            config.addDataSourceProperty("date_class", "TEXT");
            config.addDataSourceProperty("date_string_format", "yyyy-MM-dd HH:mm:ss.SSS");
        }
        log.info("Database: {}", url);
        return new HikariDataSource(config);
    }

    /**
     * Spring knows PostgreSQL's error codes but not SQLite's, so without this a unique-key clash on
     * SQLite would surface as an uncategorised error instead of {@code DuplicateKeyException}.
     */
    @Bean
    JdbcTemplate jdbcTemplate(DataSource dataSource, DatabaseUrl url) {
        JdbcTemplate template = new JdbcTemplate(dataSource);
        if (url.vendor() == DatabaseUrl.Vendor.SQLITE) {
            template.setExceptionTranslator(new SqliteExceptionTranslator());
        }
        return template;
    }

    /** Migrations differ only where the two dialects do (identity columns, timestamp defaults). */
    @Bean
    FlywayConfigurationCustomizer vendorMigrations(DatabaseUrl url) {
        String folder = url.vendor() == DatabaseUrl.Vendor.SQLITE ? "sqlite" : "postgresql";
        return configuration -> configuration.locations("classpath:db/migration/" + folder);
    }

    private static void createParentFolder(String jdbcUrl) {
        String path = jdbcUrl.substring("jdbc:sqlite:".length());
        if (path.startsWith("file:") || path.contains(":memory:") || path.isEmpty()) {
            return;
        }
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the database folder " + parent, e);
        }
    }
}
