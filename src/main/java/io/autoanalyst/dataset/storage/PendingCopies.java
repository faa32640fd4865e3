package io.autoanalyst.dataset.storage;

import java.nio.file.Path;

/**
 * Tables whose kernel copies can still be written, as {@link KernelCopies#writeLater} takes them
 * (an upload's ingestion, its DuckDB workspace still open). An interface here, so that storage
 * need not know the ingestion pipeline that sits above it.
 */
public interface PendingCopies extends AutoCloseable {

    /**
     * Writes table {@code index}'s kernel CSV into {@code folder}.
     *
     * @return the CSV's size in bytes
     */
    long writeCopy(int index, Path folder);

    /** Frees what the tables were held in. */
    @Override
    void close();
}
