package io.autoanalyst.runtime;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kernel's own directory under the work root: {@code session/} is its working directory (seen
 * as /session inside bubblewrap) and {@code tmp/} its temp directory when there is no sandbox.
 * Both belong to the kernel's user id and are closed to everyone else, so kernels cannot read
 * each other's files even without bubblewrap.
 */
record KernelDirectory(Path root, Path session, Path tmp) {

    private static final Logger log = LoggerFactory.getLogger(KernelDirectory.class);

    static KernelDirectory create(Path root, long uid, boolean ownedByKernelUser) throws IOException {
        Files.createDirectories(root.getParent());
        Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path session = Files.createDirectory(root.resolve("session"));
        Path tmp = Files.createDirectory(root.resolve("tmp"));
        for (Path dir : new Path[] {root, session, tmp}) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            if (ownedByKernelUser) {
                Files.setAttribute(dir, "unix:uid", (int) uid);
                Files.setAttribute(dir, "unix:gid", (int) uid);
            }
        }
        return new KernelDirectory(root.toAbsolutePath(), session.toAbsolutePath(), tmp.toAbsolutePath());
    }

    void delete() {
        deleteQuietly(root);
    }

    static void deleteQuietly(Path root) {
        if (!Files.exists(root)) return;
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover directory wastes disk but harms no one: it is closed to other kernels.
            log.warn("could not delete kernel directory {}: {}", root, e.toString());
        }
    }
}
