package io.autoanalyst.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's driver is native code: a virtual thread waiting in it for the write lock keeps its
 * carrier thread. With the JDK's default of one carrier per core, two such waiters on a two-core
 * machine left the lock holder (blocked for a moment in Java, so off its carrier) unable to resume,
 * and every writer failed with "database is locked" after the busy timeout. With the server's
 * carriers (VirtualThreads, the same setting in the test JVM) and its SQLite pool, it commits.
 */
class SqliteUnderPinningTest {

    @TempDir
    Path dir;

    @Test
    void aLockHolderThatBlocksInJavaCommitsWhileManyWritersWait() throws Exception {
        assertThat(Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors()))
                .as("carriers of this JVM (the build sets them as the server does)")
                .isGreaterThan(DatabaseSettings.SQLITE_DEFAULT_POOL);
        DatabaseSettings settings = new DatabaseSettings(null, dir, Duration.ofSeconds(3), null);
        DatabaseUrl url = settings.resolve();
        DataSource ds = new DataSourceConfig().dataSource(url, settings);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
        }
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t VALUES (1)"); // takes the write lock (IMMEDIATE)
                    locked.countDown();
                    Thread.sleep(300); // blocked in Java: the virtual thread leaves its carrier
                    s.execute("INSERT INTO t VALUES (2)");
                }
                c.commit();
            } catch (Exception e) {
                failures.add("holder: " + e.getMessage());
                locked.countDown();
            }
        });
        locked.await();
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            writers.add(Thread.ofVirtual().start(() -> {
                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute("INSERT INTO t VALUES (3)");
                } catch (Exception e) {
                    failures.add(e.getMessage());
                }
            }));
        }
        holder.join();
        for (Thread writer : writers) writer.join();
        assertThat(failures).isEmpty();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(22);
        }
        ((AutoCloseable) ds).close();
    }
}
