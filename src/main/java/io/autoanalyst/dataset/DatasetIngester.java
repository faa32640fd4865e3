package io.autoanalyst.dataset;

import io.autoanalyst.dataset.detect.ColumnType;
import io.autoanalyst.dataset.detect.DataFormat;
import io.autoanalyst.dataset.detect.FormatSniffer;
import io.autoanalyst.dataset.profile.DatasetProfile;
import io.autoanalyst.dataset.profile.DatasetProfiler;
import io.autoanalyst.dataset.read.DatasetReader;
import io.autoanalyst.dataset.read.DuckDbWorkspace;
import io.autoanalyst.dataset.read.LoadedTable;
import io.autoanalyst.dataset.storage.KernelCopyWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an uploaded file into profiled tables with their kernel copies, inside a work folder the
 * caller owns and deletes: sniff the format, read with the guards of {@link DatasetReader}, keep the
 * requested columns, profile, write the copies. Nothing outside the work folder is touched.
 */
public final class DatasetIngester {

    private static final Logger log = LoggerFactory.getLogger(DatasetIngester.class);

    private final DatasetSettings settings;
    private final FormatSniffer sniffer = new FormatSniffer();
    private final DatasetReader reader;
    private final DatasetProfiler profiler = new DatasetProfiler();
    private final KernelCopyWriter writer;

    public DatasetIngester(DatasetSettings settings, JsonMapper json) {
        this.settings = settings;
        this.reader = new DatasetReader(settings);
        this.writer = new KernelCopyWriter(json);
    }

    /** What the caller asks of an upload. */
    public record Request(List<String> sheets, List<String> columns, boolean writeCopies) {
        public static Request all() {
            return new Request(null, null, true);
        }
    }

    /** Reads, profiles and (when the request asks for them) writes the kernel copies before returning. */
    public List<IngestedTable> ingest(Path file, Path workDir, Request request) {
        try (Ingestion ingestion = open(file, workDir, request)) {
            if (!request.writeCopies()) return ingestion.tables();
            List<IngestedTable> written = new ArrayList<>();
            for (int i = 0; i < ingestion.tables().size(); i++) {
                IngestedTable table = ingestion.tables().get(i);
                long copyStart = System.nanoTime();
                long size = ingestion.writeCopy(i, table.folder());
                log.info("Wrote the kernel copy of a table of {} rows in {} ms", table.profile().rows(),
                        (System.nanoTime() - copyStart) / 1_000_000);
                written.add(new IngestedTable(table.sourceName(), table.profile(), table.folder(), size));
            }
            return written;
        }
    }

    /**
     * Reads and profiles; the tables' folders hold their dtypes sidecars (when the request asks for
     * copies), and their CSVs are left to {@link Ingestion#writeCopy}. The caller closes the result.
     */
    public Ingestion open(Path file, Path workDir, Request request) {
        long started = System.nanoTime();
        FormatSniffer.Sniffed sniffed = sniffer.sniff(file);
        Path spill = workDir.resolve("spill");
        try {
            Files.createDirectories(spill);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DuckDbWorkspace ws = new DuckDbWorkspace(spill, settings.duckdbMemoryLimit(), settings.duckdbThreads());
        boolean handedOver = false;
        try {
            List<LoadedTable> tables = reader.read(file, sniffed, ws, workDir, request.sheets());
            long read = System.nanoTime();
            List<LoadedTable> kept = new ArrayList<>();
            List<IngestedTable> result = new ArrayList<>();
            int i = 0;
            for (LoadedTable table : tables) {
                LoadedTable columns = request.columns() == null || request.columns().isEmpty()
                        ? table : keepColumns(ws, table, request.columns());
                Path folder = workDir.resolve("table-" + (i++));
                Files.createDirectories(folder);
                long profileStart = System.nanoTime();
                DatasetProfile profile = profiler.profile(ws, columns, settings.previewRows());
                if (request.writeCopies()) writer.writeSidecar(columns, folder);
                log.info("Ingested a {} table of {} rows: read {} ms, profile {} ms", sniffed.format().label(), profile.rows(),
                        (read - started) / 1_000_000, (System.nanoTime() - profileStart) / 1_000_000);
                kept.add(columns);
                result.add(new IngestedTable(columns.sourceName(), profile, folder, 0));
            }
            Ingestion ingestion = new Ingestion(sniffed.format(), ws, kept, result, writer);
            handedOver = true;
            return ingestion;
        } catch (SQLException e) {
            throw (UploadRejected) UploadRejected.unreadable("The data cannot be read: " + e.getMessage().lines().findFirst().orElse("")).initCause(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!handedOver) ws.close();
        }
    }

    /** Sheet names of a workbook, in workbook order. */
    public List<String> sheetNames(Path file) {
        FormatSniffer.Sniffed sniffed = sniffer.sniff(file);
        if (sniffed.format() != DataFormat.XLSX) {
            throw UploadRejected.unsupported("The file is not a valid Excel .xlsx workbook (its content is "
                    + sniffed.format().label() + "): wrong format");
        }
        return reader.excel().sheetNames(file);
    }

    private static LoadedTable keepColumns(DuckDbWorkspace ws, LoadedTable table, List<String> wanted) throws SQLException {
        List<String> names = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        StringBuilder select = new StringBuilder();
        for (String name : wanted) {
            int index = table.names().indexOf(name);
            if (index < 0) {
                throw UploadRejected.badRequest("Column '" + name + "' is not in the file; its columns are " + table.names());
            }
            if (names.contains(name)) continue;
            if (!names.isEmpty()) select.append(", ");
            select.append(table.column(index)).append(" AS c").append(names.size());
            names.add(name);
            types.add(table.types().get(index));
        }
        String subset = table.sqlTable() + "_cols";
        ws.execute("CREATE TABLE " + subset + " AS SELECT " + select + " FROM " + table.sqlTable());
        return new LoadedTable(subset, table.sourceName(), names, types, table.notes());
    }
}
