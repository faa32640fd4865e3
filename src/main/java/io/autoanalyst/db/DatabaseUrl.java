package io.autoanalyst.db;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A database location as users of the original write it ({@code sqlite:///chat.db},
 * {@code postgresql://user:pass@host:5432/db}, {@code postgres://...}) or as a JDBC URL,
 * turned into what a JDBC driver wants. Credentials are split out of the URL so that the JDBC
 * URL itself can be logged.
 */
public record DatabaseUrl(Vendor vendor, String jdbcUrl, String username, String password) {

    public enum Vendor { SQLITE, POSTGRESQL }

    public DatabaseUrl {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * @param raw         the configured value; blank means the default SQLite file
     * @param defaultFile where the default SQLite file lives
     */
    public static DatabaseUrl parse(String raw, Path defaultFile) {
        if (raw == null || raw.isBlank()) {
            return sqliteFile(defaultFile.toString());
        }
        String url = raw.strip();
        if (url.startsWith("jdbc:sqlite:")) {
            return new DatabaseUrl(Vendor.SQLITE, url, null, null);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(Vendor.POSTGRESQL, url, null, null);
        }
        if (url.startsWith("jdbc:")) {
            throw new InvalidDatabaseUrl("Unsupported database in DATABASE_URL: only SQLite and PostgreSQL are supported");
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            throw new InvalidDatabaseUrl("DATABASE_URL must look like sqlite:///path.db, postgresql://user:pass@host:5432/db or a jdbc: URL");
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase();
        // SQLAlchemy URLs may name a driver after a '+' (postgresql+psycopg2://): the driver is ours to choose.
        int plus = scheme.indexOf('+');
        String dialect = plus >= 0 ? scheme.substring(0, plus) : scheme;
        return switch (dialect) {
            case "sqlite" -> sqliteFromSqlAlchemy(url.substring(schemeEnd + 3));
            case "postgresql", "postgres" -> postgres(url.substring(schemeEnd + 3));
            default -> throw new InvalidDatabaseUrl("Unsupported database '" + dialect + "' in DATABASE_URL: use sqlite or postgresql");
        };
    }

    /** SQLAlchemy: {@code sqlite:///relative.db}, {@code sqlite:////absolute.db}, {@code sqlite://} (memory). */
    private static DatabaseUrl sqliteFromSqlAlchemy(String rest) {
        int query = rest.indexOf('?');
        String path = query >= 0 ? rest.substring(0, query) : rest;
        if (path.isEmpty() || path.equals("/") || path.equals("/:memory:")) {
            return new DatabaseUrl(Vendor.SQLITE, "jdbc:sqlite:file::memory:?cache=shared", null, null);
        }
        if (!path.startsWith("/")) {
            throw new InvalidDatabaseUrl("DATABASE_URL sqlite URLs need three slashes: sqlite:///relative.db or sqlite:////absolute/path.db");
        }
        return sqliteFile(path.substring(1));
    }

    private static DatabaseUrl sqliteFile(String path) {
        return new DatabaseUrl(Vendor.SQLITE, "jdbc:sqlite:" + path, null, null);
    }

    private static DatabaseUrl postgres(String rest) {
        URI uri;
        try {
            uri = new URI("postgresql://" + rest);
        } catch (URISyntaxException e) {
            throw new InvalidDatabaseUrl("DATABASE_URL is not a valid PostgreSQL URL: " + e.getReason());
        }
        if (uri.getHost() == null) {
            throw new InvalidDatabaseUrl("DATABASE_URL PostgreSQL URL has no host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
        }
        String database = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "postgres" : uri.getRawPath().substring(1);
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append('/').append(database);
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(Vendor.POSTGRESQL, jdbc.toString(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL without credentials, safe to log. */
    @Override
    public String toString() {
        return vendor + " " + jdbcUrl;
    }
}
