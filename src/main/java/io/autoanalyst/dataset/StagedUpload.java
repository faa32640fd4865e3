package io.autoanalyst.dataset;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * An uploaded file spooled into a fresh staging folder of its session, waiting for the rest of
 * the form. {@link DatasetService#upload(String, StagedUpload, DatasetService.UploadOptions)} takes
 * it over; closing one that was not taken deletes its folder.
 */
public final class StagedUpload implements AutoCloseable {

    private final String fileName;
    private final Path folder;
    private final Path file;
    private final long spoolNanos;
    private final Consumer<Path> delete;
    private boolean taken;

    StagedUpload(String fileName, Path folder, Path file, long spoolNanos, Consumer<Path> delete) {
        this.fileName = fileName;
        this.folder = folder;
        this.file = file;
        this.spoolNanos = spoolNanos;
        this.delete = delete;
    }

    /** The name the client gave the file: for display only, never a path. */
    public String fileName() {
        return fileName;
    }

    Path folder() {
        return folder;
    }

    Path file() {
        return file;
    }

    long spoolNanos() {
        return spoolNanos;
    }

    /** The caller now owns the folder. */
    void take() {
        taken = true;
    }

    @Override
    public void close() {
        if (!taken) delete.accept(folder);
    }
}
