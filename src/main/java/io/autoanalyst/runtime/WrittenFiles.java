package io.autoanalyst.runtime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a kernel's code wrote into its directory, for the disk quota: every file there but those the
 * kernel was given (datasets linked in when it was prepared), each file once however many links it has.
 */
final class WrittenFiles {

    private static final Logger log = LoggerFactory.getLogger(WrittenFiles.class);

    private final Path root;
    private final String kernelId;
    /** Files the kernel was given: they do not count against its quota. */
    private volatile Set<Object> givenFiles = Set.of();

    WrittenFiles(Path root, String kernelId) {
        this.root = root;
        this.kernelId = kernelId;
    }

    /** Remembers the files in the directory now as given to the kernel (not written by its code). */
    void markGiven() {
        Set<Object> keys = new HashSet<>();
        walkFiles((key, size) -> keys.add(key));
        givenFiles = Set.copyOf(keys);
    }

    long writtenBytes() {
        Set<Object> seen = new HashSet<>();
        long[] total = {0};
        Set<Object> given = givenFiles;
        walkFiles((key, size) -> {
            if (!given.contains(key) && seen.add(key)) total[0] += size;
        });
        return total[0];
    }

    private void walkFiles(ObjLongConsumer<Object> file) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) file.accept(attrs.fileKey() != null ? attrs.fileKey() : path, attrs.size());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path path, IOException e) {
                    return FileVisitResult.CONTINUE; // removed while we looked
                }
            });
        } catch (IOException e) {
            log.debug("kernel {}: cannot measure its files: {}", kernelId, e.toString());
        }
    }
}
