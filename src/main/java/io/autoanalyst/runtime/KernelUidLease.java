package io.autoanalyst.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A server's claim on its kernel user ids. Before starting a kernel under a slot's user id the
 * launcher kills whatever still runs as that id, so two servers on one machine with the same
 * {@code uid-base} would kill each other's kernels. The claim is an exclusive lock on a file named
 * after the range in the system temp directory, held while the server runs; the operating system
 * releases it when the process ends, however it ends.
 */
final class KernelUidLease implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private KernelUidLease(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws KernelUnavailable when another server (or another pool in this process) holds the range
     */
    static KernelUidLease acquire(long uidBase, int count) {
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "auto-analyst-kernel-uids-" + uidBase + ".lock");
        String range = uidBase + ".." + (uidBase + count - 1);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock != null) return new KernelUidLease(channel, lock);
        } catch (OverlappingFileLockException sameProcess) {
            // another pool of this process holds it
        } catch (IOException e) {
            closeQuietly(channel);
            throw new KernelUnavailable("Cannot claim kernel user ids " + range + " (" + file + "): " + e.getMessage(), e);
        }
        closeQuietly(channel);
        throw new KernelUnavailable("Kernel user ids " + range + " are in use by another Auto-Analyst server on this "
                + "machine (" + file + " is locked): give this server another range with autoanalyst.kernel.uid-base");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel's close releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }
}
