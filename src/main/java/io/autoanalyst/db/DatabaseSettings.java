package io.autoanalyst.db;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the database is. {@code url} is bound from DATABASE_URL.
 *
 * @param url         as the original accepts it, or a JDBC URL; blank = SQLite file under {@code dataDir}
 * @param dataDir     folder for the default SQLite file (and other local state)
 * @param busyTimeout how long an SQLite writer waits for another writer before failing
 * @param poolSize    JDBC connections
 */
@ConfigurationProperties(prefix = "autoanalyst.database")
public record DatabaseSettings(String url, Path dataDir, Duration busyTimeout, Integer poolSize) {

    public DatabaseSettings {
        if (dataDir == null) dataDir = Path.of("data");
        if (busyTimeout == null) busyTimeout = Duration.ofSeconds(15);
        if (poolSize == null || poolSize < 1) poolSize = 10;
    }

    public DatabaseUrl resolve() {
        return DatabaseUrl.parse(url, dataDir.resolve("auto-analyst.db"));
    }
}
