package io.autoanalyst.dataset.storage;

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
 * Where dataset files live: {@code <data-dir>/sessions/s-<sha256 of the session id>/datasets/<server-generated name>/}.
 * No path is ever built from a file name a user sent, nor from a session id as it was sent: every
 * session's folder is the hash of its id (its database key), so two sessions can never share a
 * folder and {@code ..} can never leave the data directory.
 *
 * <p>Servers before this layout used a plain id as its own folder name and hashed only ids with
 * dots or colons ({@code h-<sha256>}), so the id {@code h-<sha256 of another id>} shared that
 * session's folder. Files stored then stay where they are (each dataset row keeps its own storage
 * path); new uploads of those sessions go to the new folder.
 */
@Component
public class DatasetStorage {

    static final String SESSIONS = "sessions";
    static final String DATASETS = "datasets";
    static final String STAGING_PREFIX = ".upload-";
    private static final String SCRATCH = "scratch";

    private final Path dataDir;

    public DatasetStorage(DatabaseSettings database) {
        this.dataDir = database.dataDir().toAbsolutePath().normalize();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path sessionFolder(String sessionId) {
        return dataDir.resolve(SESSIONS).resolve("s-" + sha256(sessionId)).resolve(DATASETS);
    }

    /** A fresh staging folder for one upload inside the session's folder (same file system, so moves are atomic). */
    public Path newStagingFolder(String sessionId) {
        try {
            Path session = Files.createDirectories(sessionFolder(sessionId));
            return Files.createTempDirectory(session, STAGING_PREFIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A staging folder for work that belongs to no session (previews). */
    public Path newScratchFolder() {
        try {
            return Files.createTempDirectory(Files.createDirectories(scratchRoot()), "preview-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where previews and page reads work: nothing in it outlives the request that made it. */
    Path scratchRoot() {
        return dataDir.resolve(SCRATCH);
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

    /**
     * Deletes one stored dataset's folder, then its parent folders up to {@code sessions/} if that
     * left them empty: a folder another session still uses is never empty, so it stays.
     */
    public void deleteStored(String storagePath) {
        Path folder = resolve(storagePath);
        Path sessions = dataDir.resolve(SESSIONS);
        if (!folder.startsWith(sessions) || folder.equals(sessions)) return; // the shared sample dataset, say
        deleteQuietly(folder);
        for (Path parent = folder.getParent(); parent != null && parent.startsWith(sessions) && !parent.equals(sessions);
             parent = parent.getParent()) {
            try {
                Files.deleteIfExists(parent);
            } catch (IOException notEmpty) {
                return;
            }
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
