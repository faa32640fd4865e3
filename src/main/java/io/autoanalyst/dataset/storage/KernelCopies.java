package io.autoanalyst.dataset.storage;

import io.autoanalyst.web.LogContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ObjLongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Kernel copies still being written after their upload was answered. Writing a 100 MB table's CSV
 * takes about half a second that the user need not wait for: the profile is what the upload
 * answers with, and the copy is needed only when a kernel loads the dataset, which waits here for
 * it. Only a few copies are written in the background at once (each holds its upload's DuckDB
 * workspace open); beyond that the upload writes its copies before answering, as before.
 *
 * <p>Other server instances sharing the data folder cannot see this instance's memory: a marker
 * file in the dataset's folder says a copy is being written (or why it failed), so a kernel started
 * on any instance waits for the copy, or says why it is missing.
 */
@Component
public class KernelCopies implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KernelCopies.class);
    private static final int IN_BACKGROUND = 2;
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    static final String WRITING_MARKER = ".kernel-copy-writing";
    static final String FAILED_MARKER = ".kernel-copy-failed";
    private static final Duration MARKER_POLL = Duration.ofMillis(100);

    private final Map<Path, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final Semaphore slots = new Semaphore(IN_BACKGROUND);
    private final ExecutorService writers = Executors.newFixedThreadPool(IN_BACKGROUND,
            Thread.ofPlatform().name("kernel-copy-", 0).daemon().factory());

    /**
     * A background slot for one upload's copies: then {@link #expect} and {@link #writeLater}, or
     * {@link #abandon} if the upload fails first (it gives the slot back).
     */
    public boolean tryReserve() {
        return slots.tryAcquire();
    }

    /**
     * Announces copies that are not written yet, before the datasets become visible, so that a
     * kernel starting in between waits for them instead of missing the files.
     */
    public void expect(List<Path> folders) {
        for (Path folder : folders) {
            pending.put(key(folder), new CompletableFuture<>());
            try {
                Files.writeString(folder.resolve(WRITING_MARKER), "");
            } catch (IOException e) {
                log.warn("Marking the kernel copy {} as being written failed: {}", folder.getFileName(), e.getMessage());
            }
        }
    }

    /**
     * Gives up a reserved slot and the copies announced with {@link #expect}, if any (the upload
     * failed before they were handed to {@link #writeLater}).
     */
    public void abandon(List<Path> folders) {
        for (Path folder : folders) {
            CompletableFuture<Void> future = pending.remove(key(folder));
            deleteMarker(folder.resolve(WRITING_MARKER));
            if (future != null) future.completeExceptionally(new IOException("the upload did not complete"));
        }
        slots.release();
    }

    /**
     * Writes table {@code i}'s copy into {@code folders.get(i)} in the background, closes the
     * ingestion and runs {@code cleanup}, then reports each size and tells waiting readers; so a
     * reader let through finds the upload's staging files gone too. The reserved slot is released
     * at the end.
     */
    public void writeLater(PendingCopies ingestion, List<Path> folders, ObjLongConsumer<Path> written, Runnable cleanup) {
        Runnable task = () -> {
            long[] sizes = new long[folders.size()];
            RuntimeException[] failures = new RuntimeException[folders.size()];
            long started = System.nanoTime();
            try (ingestion) {
                for (int i = 0; i < folders.size(); i++) {
                    try {
                        sizes[i] = ingestion.writeCopy(i, folders.get(i));
                    } catch (RuntimeException e) {
                        failures[i] = e;
                        log.warn("Writing the kernel copy {} failed: {}", folders.get(i).getFileName(), e.getMessage());
                    }
                }
            } finally {
                try {
                    cleanup.run();
                } finally {
                    for (int i = 0; i < folders.size(); i++) settle(folders.get(i), sizes[i], failures[i], written);
                    slots.release();
                }
            }
            log.info("Wrote {} kernel copies in {} ms after the upload answered", folders.size(),
                    (System.nanoTime() - started) / 1_000_000);
        };
        try {
            writers.execute(LogContext.carrying(task)); // its log lines name the upload's request and session
        } catch (RejectedExecutionException stopping) {
            task.run(); // the server is stopping: write them now rather than never
        }
    }

    /** A failed copy stays known (readers are told why) until its dataset's files are deleted. */
    private void settle(Path folder, long size, RuntimeException failure, ObjLongConsumer<Path> written) {
        CompletableFuture<Void> future = pending.get(key(folder));
        if (failure == null) {
            try {
                written.accept(folder, size);
            } catch (RuntimeException e) {
                log.warn("Recording the size of kernel copy {} failed: {}", folder.getFileName(), e.getMessage());
            }
            deleteMarker(folder.resolve(WRITING_MARKER));
            pending.remove(key(folder), future);
            if (future != null) future.complete(null);
        } else {
            try {
                Files.writeString(folder.resolve(FAILED_MARKER), String.valueOf(failure.getMessage()));
            } catch (IOException e) {
                log.warn("Marking the kernel copy {} as failed failed: {}", folder.getFileName(), e.getMessage());
            }
            deleteMarker(folder.resolve(WRITING_MARKER));
            if (future != null) future.completeExceptionally(failure);
        }
    }

    private static void deleteMarker(Path marker) {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            log.warn("Removing {} failed: {}", marker, e.getMessage());
        }
    }

    /** A copy another instance is writing (or failed to write): only the markers in its folder tell. */
    private static void awaitWrittenElsewhere(Path folder) throws IOException {
        long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
        while (Files.exists(folder.resolve(WRITING_MARKER))) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the dataset's copy for the kernel is still being written (or its server instance "
                        + "stopped while writing it); try again shortly, or upload the file again");
            }
            try {
                Thread.sleep(MARKER_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the dataset's copy", e);
            }
        }
        Path failed = folder.resolve(FAILED_MARKER);
        if (Files.exists(failed)) {
            throw new IOException("the dataset's copy for the kernel could not be written (" + Files.readString(failed).strip()
                    + "); upload the file again");
        }
    }

    /**
     * Returns when the copy in {@code folder} is complete.
     *
     * @throws IOException when it could not be written or does not exist
     */
    public void awaitWritten(Path folder) throws IOException {
        CompletableFuture<Void> future = pending.get(key(folder));
        if (future != null) {
            try {
                future.get(LONGEST_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IOException("the dataset's copy for the kernel could not be written ("
                        + e.getCause().getMessage() + "); upload the file again", e.getCause());
            } catch (TimeoutException e) {
                throw new IOException("the dataset's copy for the kernel is still being written; try again shortly", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the dataset's copy", e);
            }
        } else {
            awaitWrittenElsewhere(folder);
        }
        if (!Files.exists(KernelCopy.in(folder).csv())) {
            throw new IOException("the dataset's copy for the kernel is missing; upload the file again");
        }
    }

    /** Waits for a copy under way to end, written or not, and forgets it (its folder is being deleted). */
    public void awaitAndForget(Path folder) {
        try {
            awaitWritten(folder);
        } catch (IOException ignored) {
            // deleting it anyway
        }
        pending.remove(key(folder));
    }

    /** Lets copies under way finish when the server stops, so no dataset is left without one. */
    @Override
    public void destroy() throws InterruptedException {
        writers.shutdown();
        if (!writers.awaitTermination(60, TimeUnit.SECONDS)) {
            log.warn("kernel copies were still being written when the server stopped");
            writers.shutdownNow();
        }
    }

    private static Path key(Path folder) {
        return folder.toAbsolutePath().normalize();
    }
}
