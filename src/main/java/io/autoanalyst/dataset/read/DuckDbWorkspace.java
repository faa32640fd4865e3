package io.autoanalyst.dataset.read;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A private in-process DuckDB database for one upload. Its memory is native (not the Java heap),
 * capped by {@code memory_limit}, and spills to a folder inside the upload's staging directory,
 * so whatever happens it is gone when the upload ends. Extensions are never downloaded.
 */
public final class DuckDbWorkspace implements AutoCloseable {

    private final Connection connection;

    public DuckDbWorkspace(Path spillDirectory, String memoryLimit, int threads) {
        Properties properties = new Properties();
        properties.setProperty("autoinstall_known_extensions", "false");
        properties.setProperty("autoload_known_extensions", "false");
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            this.connection = DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement s = connection.createStatement()) {
                s.execute("SET memory_limit = '" + memoryLimit.replace("'", "") + "'");
                s.execute("SET threads = " + Math.max(1, threads));
                s.execute("SET temp_directory = " + literal(spillDirectory.toString()));
                s.execute("SET TimeZone = 'UTC'");
                s.execute("SET preserve_insertion_order = true");
            }
        } catch (SQLException | ClassNotFoundException e) {
            throw new IllegalStateException("Cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    public Connection connection() {
        return connection;
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** A SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A SQL identifier, for column names chosen by users. */
    public static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // an in-memory database: closing frees it, nothing is left to recover
        }
    }
}
