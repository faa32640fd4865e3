package io.autoanalyst.db;

/** DATABASE_URL cannot be understood: the server refuses to start with this message. */
public class InvalidDatabaseUrl extends RuntimeException {
    public InvalidDatabaseUrl(String message) {
        super(message);
    }
}
