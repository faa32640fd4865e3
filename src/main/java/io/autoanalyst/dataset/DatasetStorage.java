package io.autoanalyst.dataset;

import io.autoanalyst.db.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Where dataset files live: {@code <data-dir>/sessions/<session>/datasets/<server-generated name>/}.
 * No path is ever built from a file name a user sent; a session id that is not a plain name (it may
 * contain dots) is hashed into one, so {@code ..} can never leave the data directory.
 */
@Component
public class DatasetStorage {

    private final Path dataDir;

    public DatasetStorage(DatabaseSettings database) {
        this.dataDir = database.dataDir().toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path sessionFolder(String sessionId) {
        String folder = sessionId.matches("[A-Za-z0-9_-]{1,128}") ? sessionId : "h-" + sha256(sessionId);
        return dataDir.resolve("sessions").resolve(folder).resolve("datasets");
    }

    /** A fresh staging folder for one upload inside the session's folder (same file system, so moves are atomic). */
    public Path newStagingFolder(String sessionId) {
        try {
            Path session = Files.createDirectories(sessionFolder(sessionId));
            return Files.createTempDirectory(session, ".upload-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A staging folder for work that belongs to no session (previews). */
    public Path newScratchFolder() {
        try {
            return Files.createTempDirectory(Files.createDirectories(dataDir.resolve("scratch")), "preview-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a finished table folder to its final place and returns the path relative to the data directory. */
    public String commit(Path stagedFolder, String sessionId) {
        Path target = sessionFolder(sessionId).resolve("ds-" + UUID.randomUUID());
        try {
            try {
                Files.move(stagedFolder, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(stagedFolder, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dataDir.relativize(target).toString();
    }

    public Path resolve(String storagePath) {
        Path path = dataDir.resolve(storagePath).normalize();
        if (!path.startsWith(dataDir)) throw new IllegalStateException("storage path outside the data directory");
        return path;
    }

    public void deleteQuietly(Path folder) {
        if (folder == null || !Files.exists(folder)) return;
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover folder is swept with the session
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
