package io.autoanalyst.dataset;

import io.autoanalyst.dataset.detect.DataFormat;
import io.autoanalyst.dataset.read.DuckDbWorkspace;
import io.autoanalyst.dataset.read.LoadedTable;
import io.autoanalyst.dataset.storage.KernelCopyWriter;
import io.autoanalyst.dataset.storage.PendingCopies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

/**
 * An upload read and profiled, its DuckDB workspace still open: the tables' kernel CSVs can be
 * written now or after the caller has answered the user. Closing it frees the workspace.
 */
public final class Ingestion implements PendingCopies {

    private final DataFormat format;
    private final DuckDbWorkspace workspace;
    private final List<LoadedTable> loaded;
    private final List<IngestedTable> tables;
    private final KernelCopyWriter writer;

    Ingestion(DataFormat format, DuckDbWorkspace workspace, List<LoadedTable> loaded, List<IngestedTable> tables,
              KernelCopyWriter writer) {
        this.format = format;
        this.workspace = workspace;
        this.loaded = List.copyOf(loaded);
        this.tables = List.copyOf(tables);
        this.writer = writer;
    }

    /** What the upload turned out to be (from its content). */
    public DataFormat format() {
        return format;
    }

    /** The tables, profiled, each in a folder that already holds its dtypes sidecar. */
    public List<IngestedTable> tables() {
        return tables;
    }

    /**
     * Writes table {@code index}'s kernel CSV into {@code folder} (its staging folder, or wherever
     * that folder was moved since).
     *
     * @return the CSV's size in bytes
     */
    @Override
    public long writeCopy(int index, Path folder) {
        try {
            return Files.size(writer.writeCsv(workspace, loaded.get(index), folder).csv());
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the kernel copy failed: " + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        workspace.close();
    }
}
