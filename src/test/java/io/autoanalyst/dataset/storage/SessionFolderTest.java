package io.autoanalyst.dataset.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.db.DatabaseSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session folders never collide, and what a crash leaves in them is swept at start-up. */
class SessionFolderTest {

    @TempDir
    Path dataDir;

    private DatasetStorage storage() {
        return new DatasetStorage(new DatabaseSettings(null, dataDir, null, null));
    }

    @Test
    void anIdThatSpellsAnotherIdsHashGetsAFolderOfItsOwn() throws Exception {
        DatasetStorage storage = storage();
        // the folder the old layout gave an id with a dot was h-<sha256>, itself an accepted id
        String victim = "auto_1764470000000_k3v9x2q7m.x";
        String attacker = "h-" + sha256(victim);
        List<String> ids = List.of(victim, attacker, "auto_1764470000000_k3v9x2q7m", "s-" + sha256(victim), "../x", "a:b");
        List<Path> folders = ids.stream().map(storage::sessionFolder).toList();
        assertThat(folders).doesNotHaveDuplicates();
        assertThat(folders).allSatisfy(folder -> {
            assertThat(folder.startsWith(dataDir.resolve("sessions"))).isTrue();
            assertThat(folder.getParent().getFileName().toString()).matches("s-[0-9a-f]{64}");
        });
    }

    @Test
    void removingADatasetKeepsAFolderAnotherSessionStillUses() throws IOException {
        DatasetStorage storage = storage();
        // the old layout: two sessions' datasets in one shared folder
        Path shared = Files.createDirectories(dataDir.resolve("sessions/h-abc/datasets"));
        Path mine = Files.createDirectories(shared.resolve("ds-mine"));
        Path theirs = Files.createDirectories(shared.resolve("ds-theirs"));
        Files.writeString(mine.resolve("data.csv"), "a\n1\n");
        Files.writeString(theirs.resolve("data.csv"), "a\n2\n");

        storage.deleteStored(dataDir.relativize(mine).toString());

        assertThat(mine).doesNotExist();
        assertThat(theirs.resolve("data.csv")).hasContent("a\n2\n");
        storage.deleteStored(dataDir.relativize(theirs).toString());
        assertThat(dataDir.resolve("sessions/h-abc")).as("empty now, so removed").doesNotExist();
        assertThat(dataDir.resolve("sessions")).exists();
    }

    @Test
    void stagingLeftBehindByAnEarlierRunIsSweptAndCurrentUploadsAreNot() throws IOException {
        DatasetStorage storage = storage();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path datasets = Files.createDirectories(dataDir.resolve("sessions/s-1/datasets"));
        Path halfUpload = old(Files.createDirectories(datasets.resolve(".upload-123")), start);
        Files.writeString(halfUpload.resolve("upload.bin"), "half a file");
        old(halfUpload, start);
        Path stored = Files.createDirectories(datasets.resolve("ds-1"));
        Path partialCopy = old(Files.writeString(stored.resolve("data.csv.partial"), "a\n"), start);
        Path complete = old(Files.writeString(stored.resolve("dtypes.json"), "{}"), start);
        Path preview = old(Files.createDirectories(dataDir.resolve("scratch/preview-9")), start);
        Path current = Files.createDirectories(datasets.resolve(".upload-now"));
        Files.setLastModifiedTime(current, FileTime.from(start.plusSeconds(5)));

        int removed = new LeftoverStagingCleanup(storage).sweep(start);

        assertThat(removed).isEqualTo(3);
        assertThat(halfUpload).doesNotExist();
        assertThat(partialCopy).doesNotExist();
        assertThat(preview).doesNotExist();
        assertThat(complete).exists();
        assertThat(current).as("an upload of this run").exists();
        assertThat(Files.list(datasets).map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("ds-1", ".upload-now");
    }

    private static Path old(Path path, Instant start) throws IOException {
        Files.setLastModifiedTime(path, FileTime.from(start.minusSeconds(3600)));
        return path;
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
