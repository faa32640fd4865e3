package io.autoanalyst.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (started on first use, stopped at JVM exit), and a
 * fresh empty database for each caller, so every test context migrates from empty.
 */
public final class EmbeddedPostgresSupport {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static volatile EmbeddedPostgres server;

    private EmbeddedPostgresSupport() {
    }

    public static synchronized String newDatabaseUrl() {
        EmbeddedPostgres pg = server();
        String name = "aa_test_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("Embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's folder is temporary
                }
            }));
        }
        return server;
    }
}
