package io.autoanalyst.db;

import java.sql.SQLException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Maps SQLite's extended result codes to Spring's exception types, as Spring does for PostgreSQL. */
class SqliteExceptionTranslator implements SQLExceptionTranslator {

    private final SQLExceptionTranslator fallback = new SQLExceptionSubclassTranslator();

    @Override
    public DataAccessException translate(String task, String sql, SQLException ex) {
        if (ex instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            String message = task + "; " + ex.getMessage();
            switch (code) {
                case SQLITE_CONSTRAINT_UNIQUE, SQLITE_CONSTRAINT_PRIMARYKEY -> {
                    return new DuplicateKeyException(message, ex);
                }
                case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY -> {
                    return new CannotAcquireLockException(message, ex);
                }
                default -> {
                    if (code.name().startsWith("SQLITE_CONSTRAINT")) {
                        return new DataIntegrityViolationException(message, ex);
                    }
                }
            }
        }
        return fallback.translate(task, sql, ex);
    }
}
