package io.autoanalyst.dataset.read;

import io.autoanalyst.dataset.DatasetSettings;
import io.autoanalyst.dataset.UploadRejected;
import io.autoanalyst.dataset.detect.ColumnNames;
import io.autoanalyst.dataset.detect.ColumnShapes;
import io.autoanalyst.dataset.detect.ColumnType;
import io.autoanalyst.dataset.detect.ColumnTyper;
import io.autoanalyst.dataset.detect.CsvDialect;
import io.autoanalyst.dataset.detect.CsvSniffer;
import io.autoanalyst.dataset.detect.CsvStructureCheck;
import io.autoanalyst.dataset.detect.DataFormat;
import io.autoanalyst.dataset.detect.FormatSniffer;
import io.autoanalyst.dataset.detect.TextEncoding;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an upload of any supported format into typed tables in a DuckDB workspace. Every guard
 * runs before the native reader sees the bytes: encoding and structure for CSV, depth and shape for
 * JSON, zip limits and entity declarations for Excel.
 */
public final class DatasetReader {

    private static final Logger log = LoggerFactory.getLogger(DatasetReader.class);

    /** The texts read as missing, besides an empty field. */
    static final List<String> MISSING_MARKERS = List.of("", "NA", "N/A", "NULL", "-");

    /**
     * DuckDB's {@code max_line_size} for a file whose longest line was not measured (a sheet we
     * wrote ourselves). DuckDB sizes its read buffers from this limit, and a large one costs: on a
     * 100 MB file 64 MB made the read ~60% slower than 4 MB. A checked file gets its longest line.
     */
    private static final long UNCHECKED_MAX_LINE_SIZE = 64L << 20;
    private static final long MIN_MAX_LINE_SIZE = 4L << 20;

    private final CsvSniffer csvSniffer = new CsvSniffer();
    private final CsvStructureCheck structureCheck = new CsvStructureCheck();
    private final TextTranscoder transcoder = new TextTranscoder();
    private final JsonShapeCheck jsonCheck;
    private final ExcelWorkbookReader excel;

    public DatasetReader(DatasetSettings settings) {
        this.jsonCheck = new JsonShapeCheck(settings.maxJsonDepth());
        this.excel = new ExcelWorkbookReader(new XlsxSafetyCheck(settings.maxXlsxInflatedSize().toBytes(),
                settings.maxXlsxCompressionRatio()));
    }

    public ExcelWorkbookReader excel() {
        return excel;
    }

    /**
     * @param sheets for a workbook, the sheets to read (null = all)
     */
    public List<LoadedTable> read(Path file, FormatSniffer.Sniffed sniffed, DuckDbWorkspace workspace, Path workDir,
                           List<String> sheets) {
        try {
            return switch (sniffed.format()) {
                case CSV -> List.of(readCsv(utf8(file, sniffed, workDir), workspace, "t0", null, null, List.of()));
                case JSON_ARRAY, JSON_LINES -> List.of(readJson(utf8(file, sniffed, workDir), sniffed.format(), workspace));
                case PARQUET -> List.of(readParquet(file, workspace));
                case XLSX -> readWorkbook(file, workspace, workDir, sheets);
            };
        } catch (SQLException e) {
            throw UploadRejected.unreadable(describe(e, sniffed.format()));
        }
    }

    /** The file as UTF-8 text with line feeds, copied only when it is not that already. */
    private Path utf8(Path file, FormatSniffer.Sniffed sniffed, Path workDir) {
        TextEncoding encoding = sniffed.encoding();
        if (encoding == null || (encoding.isUtf8WithoutBom() && !sniffed.crLineBreaks())) return file;
        return transcoder.toUtf8(file, encoding, workDir.resolve("source.utf8"), sniffed.crLineBreaks());
    }

    private LoadedTable readCsv(Path utf8, DuckDbWorkspace ws, String table, String sourceName, CsvDialect known,
                                List<String> readerNotes) throws SQLException {
        List<String> notes = new ArrayList<>(readerNotes);
        CsvDialect dialect = known != null ? known : csvSniffer.sniff(utf8);
        int n = dialect.columns();
        ColumnShapes shapes = null;
        long rows = -1;
        long maxLineSize = UNCHECKED_MAX_LINE_SIZE;
        long started = System.nanoTime();
        if (known == null) {
            shapes = new ColumnShapes(n);
            CsvStructureCheck.Structure structure = structureCheck.check(utf8, dialect, shapes);
            rows = structure.rows();
            maxLineSize = Math.max(MIN_MAX_LINE_SIZE, structure.longestRecordBytes() + 16);
            if (dialect.headerLine() > 1) {
                notes.add("the header is on line " + dialect.headerLine() + "; the " + (dialect.headerLine() - 1)
                        + " line(s) above it were skipped");
            }
        }
        boolean padWithNulls = known != null;
        long lineLimit = maxLineSize;
        java.util.function.Function<List<String>, String> csv = types -> csvSource(utf8, dialect, types, padWithNulls, lineLimit);
        String source = csv.apply(java.util.Collections.nCopies(n, "VARCHAR"));
        List<String> raw = new ArrayList<>();
        for (int i = 0; i < n; i++) raw.add("c" + i);
        List<String> names = dialect.header();
        List<String> varchar = new ArrayList<>(java.util.Collections.nCopies(n, "VARCHAR"));
        boolean decimalComma = dialect.delimiter() != ',';
        if (shapes != null) {
            // One pass of DuckDB over the file: the structure check already typed the common columns.
            long checked = System.nanoTime();
            try {
                LoadedTable loaded = finish(ws, source, table, sourceName, names, raw, varchar, decimalComma,
                        new ArrayList<>(notes), new Known(shapes, rows, csv));
                log.info("Read a CSV of {} rows: structure check and shapes {} ms, typing and typed table {} ms", rows,
                        (checked - started) / 1_000_000, (System.nanoTime() - checked) / 1_000_000);
                return loaded;
            } catch (SQLException e) {
                log.info("Typing from the structure check did not hold ({}); typing the file in DuckDB instead",
                        e.getMessage().lines().findFirst().orElse(""));
                ws.execute("DROP TABLE IF EXISTS " + table);
            }
        }
        ws.execute("CREATE TABLE raw_" + table + " AS SELECT * FROM " + source);
        LoadedTable loaded = finish(ws, "raw_" + table, table, sourceName, names, raw, varchar, decimalComma, notes, null);
        ws.execute("DROP TABLE raw_" + table);
        return loaded;
    }

    /**
     * What the structure check learnt of a CSV file: the shapes of its columns and its number of rows.
     * The typed table built from it is checked against both.
     */
    private record Known(ColumnShapes shapes, long rows, java.util.function.Function<List<String>, String> typedSource) {
    }

    /** {@code read_csv} of the file with the columns {@code c0..cN} read as {@code types}. */
    private static String csvSource(Path utf8, CsvDialect dialect, List<String> types, boolean padWithNulls, long maxLineSize) {
        StringBuilder columns = new StringBuilder("{");
        for (int i = 0; i < types.size(); i++) {
            if (i > 0) columns.append(", ");
            columns.append("'c").append(i).append("': '").append(types.get(i)).append("'");
        }
        columns.append('}');
        String nullstr = MISSING_MARKERS.stream().map(DuckDbWorkspace::literal).reduce((a, b) -> a + ", " + b).orElseThrow();
        return "read_csv(" + DuckDbWorkspace.literal(utf8.toString())
                + ", columns = " + columns + ", header = false, skip = " + dialect.linesToSkip()
                + ", delim = " + DuckDbWorkspace.literal(String.valueOf(dialect.delimiter()))
                + ", quote = '\"', escape = '\"', nullstr = [" + nullstr + "], auto_detect = false"
                + ", max_line_size = " + maxLineSize + ", null_padding = " + padWithNulls + ")";
    }

    private LoadedTable readJson(Path utf8, DataFormat format, DuckDbWorkspace ws) throws SQLException {
        jsonCheck.check(utf8, format);
        ws.execute("CREATE TABLE raw_t0 AS SELECT * FROM read_json(" + DuckDbWorkspace.literal(utf8.toString())
                + ", format = '" + (format == DataFormat.JSON_ARRAY ? "array" : "newline_delimited")
                + "', records = true, sample_size = -1, maximum_object_size = 67108864)");
        return fromTyped(ws, "raw_t0", "t0", null);
    }

    private LoadedTable readParquet(Path file, DuckDbWorkspace ws) throws SQLException {
        ws.execute("CREATE TABLE raw_t0 AS SELECT * FROM read_parquet(" + DuckDbWorkspace.literal(file.toString()) + ")");
        return fromTyped(ws, "raw_t0", "t0", null);
    }

    private List<LoadedTable> readWorkbook(Path file, DuckDbWorkspace ws, Path workDir, List<String> sheets) throws SQLException {
        List<LoadedTable> tables = new ArrayList<>();
        int i = 0;
        for (ExcelWorkbookReader.ExtractedSheet sheet : excel.extract(file, sheets, workDir)) {
            CsvDialect dialect = new CsvDialect(',', sheet.header(), 1, 1, 0);
            tables.add(readCsv(sheet.csv(), ws, "t" + (i++), sheet.sheetName(), dialect, sheet.notes()));
        }
        return tables;
    }

    /** A table DuckDB typed itself (JSON, Parquet): text columns still go through the typing. */
    private LoadedTable fromTyped(DuckDbWorkspace ws, String raw, String table, String sourceName) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> duckTypes = new ArrayList<>();
        try (Statement s = ws.connection().createStatement(); ResultSet rs = s.executeQuery("DESCRIBE " + raw)) {
            while (rs.next()) {
                names.add(rs.getString("column_name"));
                duckTypes.add(rs.getString("column_type"));
            }
        }
        List<String> rawColumns = names.stream().map(DuckDbWorkspace::identifier).toList();
        LoadedTable loaded = finish(ws, raw, table, sourceName, names, rawColumns, duckTypes, false, new ArrayList<>(), null);
        ws.execute("DROP TABLE " + raw);
        return loaded;
    }

    /**
     * Builds the typed table from {@code raw} (a table, or a table function read once more).
     *
     * @param known for a CSV file, what its structure check found (null: everything is decided here)
     */
    private LoadedTable finish(DuckDbWorkspace ws, String raw, String table, String sourceName, List<String> rawNames,
                               List<String> rawColumns, List<String> duckTypes, boolean decimalComma, List<String> notes,
                               Known known) throws SQLException {
        List<String> names = ColumnNames.unique(rawNames);
        // Columns without a header and without a value (a trailing delimiter on every line) are dropped.
        List<Integer> keep = new ArrayList<>();
        List<Integer> blank = new ArrayList<>();
        for (int i = 0; i < rawNames.size(); i++) {
            if (ColumnNames.wasBlank(rawNames.get(i))) blank.add(i);
        }
        boolean[] empty = new boolean[rawNames.size()];
        if (known != null) {
            for (int i : blank) empty[i] = known.shapes().shape(i).nonMissing() == 0;
        } else if (!blank.isEmpty()) {
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int j = 0; j < blank.size(); j++) {
                if (j > 0) sql.append(", ");
                sql.append("count(").append(rawColumns.get(blank.get(j))).append(")");
            }
            try (Statement s = ws.connection().createStatement(); ResultSet rs = s.executeQuery(sql + " FROM " + raw)) {
                rs.next();
                for (int j = 0; j < blank.size(); j++) empty[blank.get(j)] = rs.getLong(j + 1) == 0;
            }
        }
        for (int i = 0; i < rawNames.size(); i++) {
            if (empty[i]) notes.add("column " + (i + 1) + " has no header and no values and was dropped");
            else keep.add(i);
        }
        ColumnTyper typer = new ColumnTyper(decimalComma);
        Map<Integer, ColumnTyper.Typing> byShape = new HashMap<>();
        List<String> text = new ArrayList<>();
        for (int i : keep) {
            if (!duckTypes.get(i).equalsIgnoreCase("VARCHAR")) continue;
            ColumnShapes.Shape shape = known == null ? null : known.shapes().shape(i);
            String reading = shape == null ? null : shape.reading();
            if (reading != null) {
                byShape.put(i, typer.typingOf(reading, shape.scale(), shape.integerDigits(), shape.exponent()));
            } else {
                text.add(rawColumns.get(i));
            }
        }
        List<ColumnTyper.Typing> typings = typer.type(ws.connection(), raw, text);
        List<String> finalNames = new ArrayList<>();
        List<ColumnType> types = new ArrayList<>();
        StringBuilder select = new StringBuilder("CREATE TABLE " + table + " AS SELECT ");
        List<String> readTypes = new ArrayList<>(java.util.Collections.nCopies(rawNames.size(), "VARCHAR"));
        int out = 0;
        int t = 0;
        for (int i : keep) {
            String col = rawColumns.get(i);
            String duck = duckTypes.get(i).toUpperCase(Locale.ROOT);
            String expression;
            ColumnType type;
            if (byShape.containsKey(i)) {
                ColumnTyper.Typing typing = byShape.get(i);
                type = typing.type();
                expression = typing.expression().replace("{col}", col);
                // Every value had the reading's shape; a value the conversion still refuses (2023-02-30)
                // stops the build, and the column is typed the slow way instead of losing that value.
                if (type != ColumnType.STRING && !known.shapes().shape(i).padded()) {
                    // DuckDB's CSV reader converts it while it reads (and fails on such a value).
                    readTypes.set(i, typing.duckType());
                    expression = col;
                } else if (type != ColumnType.STRING) {
                    expression = "CASE WHEN " + col + " IS NULL THEN NULL ELSE coalesce(" + expression
                            + ", error('column " + i + ": a value does not convert')) END";
                }
                if (typing.worthNoting()) {
                    notes.add("column '" + names.get(i) + "' read as " + type.label() + " from " + typing.reading() + " values");
                }
            } else if (duck.equals("VARCHAR")) {
                ColumnTyper.Typing typing = typings.get(t++);
                type = typing.type();
                expression = typing.expression().replace("{col}", col);
                if (typing.worthNoting()) {
                    notes.add("column '" + names.get(i) + "' read as " + type.label() + " from " + typing.reading() + " values");
                }
            } else {
                type = ColumnType.ofDuckDb(duck);
                expression = switch (type) {
                    case INTEGER -> duck.contains("HUGEINT") || duck.equals("UBIGINT") ? "TRY_CAST(" + col + " AS DOUBLE)" : "CAST(" + col + " AS BIGINT)";
                    case DECIMAL -> duck.equals("FLOAT") ? "CAST(" + col + " AS DOUBLE)" : col;
                    case DATETIME -> "CAST(" + col + " AS TIMESTAMP)";
                    case STRING -> duck.startsWith("STRUCT") || duck.endsWith("[]") || duck.startsWith("MAP") || duck.equals("JSON")
                            ? "CAST(to_json(" + col + ") AS VARCHAR)" : "CAST(" + col + " AS VARCHAR)";
                    default -> col;
                };
                if (type == ColumnType.INTEGER && expression.contains("DOUBLE")) type = ColumnType.DECIMAL;
            }
            if (out > 0) select.append(", ");
            select.append(expression).append(" AS c").append(out++);
            finalNames.add(names.get(i));
            types.add(type);
        }
        if (keep.isEmpty()) {
            throw UploadRejected.unreadable("The file has no columns with data");
        }
        select.append(" FROM ").append(known == null ? raw : known.typedSource().apply(readTypes));
        ws.execute(select.toString());
        if (known != null) {
            try (Statement s = ws.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                if (rs.getLong(1) != known.rows()) {
                    throw new SQLException("DuckDB read " + rs.getLong(1) + " rows, the structure check " + known.rows());
                }
            }
        }
        return new LoadedTable(table, sourceName, finalNames, types, notes);
    }

    /** DuckDB's message, turned into something about the user's file. */
    private static String describe(SQLException e, DataFormat format) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String firstLine = message.lines().findFirst().orElse("").replaceAll("^[A-Za-z ]*Error: ", "");
        if (firstLine.length() > 300) firstLine = firstLine.substring(0, 300) + "...";
        return switch (format) {
            case PARQUET -> "The Parquet file is invalid, corrupt or truncated and cannot be read: " + firstLine;
            case JSON_ARRAY, JSON_LINES -> "Invalid JSON: " + firstLine;
            case XLSX -> "The Excel file is invalid: " + firstLine;
            case CSV -> message.toLowerCase(Locale.ROOT).contains("unicode") || message.toLowerCase(Locale.ROOT).contains("utf")
                    ? "The file is not valid UTF-8 text (encoding error): save it as CSV UTF-8. " + firstLine
                    : "The CSV file cannot be read: " + firstLine;
        };
    }
}
