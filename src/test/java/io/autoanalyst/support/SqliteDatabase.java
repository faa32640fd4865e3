package io.autoanalyst.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh SQLite file for one test context. */
public final class SqliteDatabase {

    private SqliteDatabase() {
    }

    public static Path newFolder() {
        try {
            return Files.createTempDirectory("aa-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String newUrl() {
        return "sqlite:///" + newFolder().resolve("test.db");
    }
}
