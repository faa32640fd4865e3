package io.autoanalyst.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Timestamps cross JDBC as {@link Timestamp} on both databases. The server runs in UTC so that
 * SQLite's text timestamps (written by the driver and by {@code strftime('now')} defaults) agree.
 */
public final class SqlTime {

    private SqlTime() {
    }

    public static Timestamp of(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static Instant read(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
