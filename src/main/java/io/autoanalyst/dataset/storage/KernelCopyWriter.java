package io.autoanalyst.dataset.storage;

import io.autoanalyst.dataset.detect.ColumnType;
import io.autoanalyst.dataset.read.DuckDbWorkspace;
import io.autoanalyst.dataset.read.LoadedTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a table as the kernel's copy: DuckDB writes the CSV (in parallel, without the rows passing
 * through the Java heap), and the sidecar tells pandas the dtypes to read it with, so that integers
 * are read exactly, dates parsed, and text such as {@code 02134} or {@code NA} left as text; the
 * loader then turns the columns into plain numpy dtypes ({@link ColumnType#kernelDtype}). Not
 * Parquet: the kernel's pandas has no Parquet engine.
 */
public final class KernelCopyWriter {

    private final JsonMapper json;

    public KernelCopyWriter(JsonMapper json) {
        this.json = json;
    }

    /** The dtypes sidecar: small, written with the profile. */
    public void writeSidecar(LoadedTable table, Path folder) {
        try {
            Files.writeString(KernelCopy.in(folder).dtypes(), json.writeValueAsString(sidecar(table)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The CSV, written under a temporary name and renamed when complete, so a reader never sees a
     * half-written copy.
     */
    public KernelCopy writeCsv(DuckDbWorkspace ws, LoadedTable table, Path folder) throws SQLException {
        KernelCopy copy = KernelCopy.in(folder);
        Path partial = folder.resolve(KernelCopy.CSV_FILE + ".partial");
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < table.names().size(); i++) {
            if (i > 0) select.append(", ");
            select.append(table.column(i)).append(" AS ").append(DuckDbWorkspace.identifier(table.names().get(i)));
        }
        select.append(" FROM ").append(table.sqlTable());
        ws.execute("COPY (" + select + ") TO " + DuckDbWorkspace.literal(partial.toString())
                + " (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR '',"
                + " DATEFORMAT '%Y-%m-%d', TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S.%f')");
        try {
            Files.move(partial, copy.csv(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    static Map<String, Object> sidecar(LoadedTable table) {
        List<Map<String, String>> columns = new ArrayList<>();
        Map<String, String> dtype = new LinkedHashMap<>();
        List<String> parseDates = new ArrayList<>();
        for (int i = 0; i < table.names().size(); i++) {
            String name = table.names().get(i);
            ColumnType type = table.types().get(i);
            columns.add(Map.of("name", name, "type", type.label(), "read_dtype", type.readDtype()));
            if (type.temporal()) parseDates.add(name);
            else dtype.put(name, type.readDtype());
        }
        Map<String, Object> readCsv = new LinkedHashMap<>();
        readCsv.put("encoding", "utf-8");
        readCsv.put("dtype", dtype);
        readCsv.put("parse_dates", parseDates);
        // Only an empty field is missing: the reader already turned NA, N/A, NULL and '-' into empty
        // fields, and pandas' own list would turn text such as 'NaN' or 'null' into missing values.
        readCsv.put("keep_default_na", false);
        readCsv.put("na_values", List.of(""));
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("format", "csv");
        sidecar.put("columns", columns);
        sidecar.put("read_csv", readCsv);
        return sidecar;
    }
}
