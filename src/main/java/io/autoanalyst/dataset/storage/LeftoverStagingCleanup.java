package io.autoanalyst.dataset.storage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * An upload killed mid-way (kill -9, power loss) leaves its staging folder, a preview's scratch
 * folder or a half-written kernel copy behind, and nothing else ever removes them. They are swept
 * once at start-up, before the server takes requests. Only what predates this process is touched,
 * so a second server sharing the data directory keeps the uploads it has under way.
 */
@Component
class LeftoverStagingCleanup implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(LeftoverStagingCleanup.class);

    private final DatasetStorage storage;

    LeftoverStagingCleanup(DatasetStorage storage) {
        this.storage = storage;
    }

    @Override
    public void afterPropertiesSet() {
        int removed = sweep(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        if (removed > 0) log.info("Removed {} upload staging leftover(s) of an earlier run", removed);
    }

    /** Removes the leftovers last changed before {@code processStart}; returns how many. */
    int sweep(Instant processStart) {
        int removed = 0;
        for (Path folder : children(storage.scratchRoot())) {
            removed += removeIfOld(folder, processStart);
        }
        for (Path session : children(storage.dataDir().resolve(DatasetStorage.SESSIONS))) {
            for (Path entry : children(session.resolve(DatasetStorage.DATASETS))) {
                String name = entry.getFileName().toString();
                if (name.startsWith(DatasetStorage.STAGING_PREFIX)) {
                    removed += removeIfOld(entry, processStart);
                } else if (Files.isDirectory(entry)) {
                    removed += removeIfOld(entry.resolve(KernelCopy.CSV_FILE + ".partial"), processStart);
                }
            }
        }
        return removed;
    }

    private int removeIfOld(Path path, Instant processStart) {
        try {
            if (!Files.exists(path) || !Files.getLastModifiedTime(path).toInstant().isBefore(processStart)) return 0;
        } catch (IOException e) {
            return 0;
        }
        storage.deleteQuietly(path);
        return Files.exists(path) ? 0 : 1;
    }

    private static Iterable<Path> children(Path folder) {
        if (!Files.isDirectory(folder)) return java.util.List.of();
        java.util.List<Path> entries = new java.util.ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            log.warn("Cannot list {} for leftover uploads: {}", folder.getFileName(), e.toString());
        }
        return entries;
    }
}
