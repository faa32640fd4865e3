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
 * @param poolSize    JDBC connections (default: 10 for PostgreSQL, {@value #SQLITE_DEFAULT_POOL} for SQLite)
 */
@ConfigurationProperties(prefix = "autoanalyst.database")
public record DatabaseSettings(String url, Path dataDir, Duration busyTimeout, Integer poolSize) {

    /**
     * SQLite's driver runs in native code, where a virtual thread pins its carrier thread, and a
     * writer waiting for the lock waits there too (busy_timeout). With as many waiters as carriers,
     * the thread holding the lock cannot get a carrier to commit, and every request stalls until the
     * timeout. Fewer connections than carriers ({@code VirtualThreads}) rule that out; SQLite
     * serialises writers anyway, so more connections would not write faster.
     */
    public static final int SQLITE_DEFAULT_POOL = 4;

    public DatabaseSettings {
        if (dataDir == null) dataDir = Path.of("data");
        if (busyTimeout == null) busyTimeout = Duration.ofSeconds(15);
        if (poolSize != null && poolSize < 1) poolSize = null;
    }

    /** Connections for the database at {@code url}. */
    public int poolSizeFor(DatabaseUrl url) {
        if (poolSize != null) return poolSize;
        return url.vendor() == DatabaseUrl.Vendor.SQLITE ? SQLITE_DEFAULT_POOL : 10;
    }

    public DatabaseUrl resolve() {
        return DatabaseUrl.parse(url, dataDir.resolve("auto-analyst.db"));
    }
}
