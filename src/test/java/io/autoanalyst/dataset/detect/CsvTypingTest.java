package io.autoanalyst.dataset.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.dataset.DatasetIngester;
import io.autoanalyst.dataset.DatasetSettings;
import io.autoanalyst.dataset.profile.DatasetProfile.ColumnProfile;
import io.autoanalyst.dataset.profile.DatasetProfile;
import io.autoanalyst.dataset.read.DuckDbWorkspace;
import io.autoanalyst.dataset.storage.KernelCopy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CSV fast path types common columns from the structure check's pass ({@link ColumnShapes});
 * it must reach exactly what {@link ColumnTyper}'s SQL readings reach on the whole column, and fall
 * back to them when DuckDB's conversion disagrees.
 */
class CsvTypingTest {

    @TempDir
    Path dir;

    /** Each list is one column's values, written as CSV fields (quotes included where given). */
    private static final List<List<String>> COLUMNS = List.of(
            List.of("1", "2", "-3", "+4"),
            List.of("007", "1"),
            List.of("00", "1"),
            List.of("0", "-0", "1.5"),
            List.of("1.50", "2.125", "3"),
            List.of("-0.0", "10"),
            List.of("1e5", "2"),
            List.of("1E+05", "2.5e-3"),
            List.of("1e", "2"),
            List.of(".5", "-.25", "+.125"),
            List.of("1.", "2"),
            List.of("+", "1"),
            List.of("123456789012345678", "-1"),
            List.of("1234567890123456789", "1"),
            List.of("1234567890.123456789", "1"),
            List.of("TRUE", "false", "True"),
            List.of("true", "1"),
            List.of(" 12 ", "3 "),
            List.of("2024-01-31", "2023-12-01"),
            List.of("2024-1-31", "2023-12-01"),
            List.of("2024-01-31T10:00", "2024-01-31 10:00:59.123456789Z", "2024-02-01T00:00:00Z"),
            List.of("2024-01-31T10:00:00.1234567890"),
            List.of("2024-01-31T10:00:5"),
            List.of("2024-01-31", "2024-01-31T10:00"),
            List.of("NA", "1", "N/A", "NULL", "-", ""),
            List.of("NA", ""),
            List.of("\"12\"", "\"3\""),
            List.of("\"1\"\"2\"", "3"),
            List.of("\"1,234\"", "5"),
            List.of("１２", "3"),
            List.of("\"\"", "4"),
            List.of("x", "1"));

    @Test
    void everyDecidedShapeIsExactlyTheTypingTheSqlReadingsChoose() throws IOException, SQLException {
        int decided = 0;
        for (List<String> values : COLUMNS) {
            Path csv = dir.resolve("c" + decided + "-" + values.hashCode() + ".csv");
            StringBuilder text = new StringBuilder("v,other\n");
            for (String v : values) text.append(v).append(",x\n");
            Files.writeString(csv, text, StandardCharsets.UTF_8);
            CsvSniffer sniffer = new CsvSniffer();
            CsvDialect dialect = sniffer.sniff(csv);
            ColumnShapes shapes = new ColumnShapes(2);
            assertThat(new CsvStructureCheck().check(csv, dialect, shapes).rows()).isEqualTo(values.size());
            ColumnShapes.Shape shape = shapes.shape(0);
            ColumnTyper typer = new ColumnTyper(false);
            try (DuckDbWorkspace ws = new DuckDbWorkspace(dir, "256MB", 1)) {
                ws.execute("CREATE TABLE raw AS SELECT * FROM " + readCsv(csv, "VARCHAR"));
                ColumnTyper.Typing bySql = typer.type(ws.connection(), "raw", List.of("c0")).getFirst();
                if (shape.reading() == null) {
                    continue;
                }
                decided++;
                ColumnTyper.Typing byShape = typer.typingOf(shape.reading(), shape.scale(), shape.integerDigits(), shape.exponent());
                assertThat(byShape).as("column %s", values).isEqualTo(bySql);
                if (!shape.padded()) {
                    // What the fast path does: DuckDB's CSV reader converts while reading, instead of the expression.
                    assertThat(values(ws, "SELECT " + byShape.expression().replace("{col}", "c0") + " FROM raw"))
                            .as("column %s", values)
                            .isEqualTo(values(ws, "SELECT c0 FROM " + readCsv(csv, byShape.duckType())));
                }
            }
        }
        // The fast path must actually decide the common cases (18 of the columns above), not leave them all to SQL.
        assertThat(decided).isEqualTo(18);
    }

    private static String readCsv(Path csv, String type) {
        return "read_csv(" + DuckDbWorkspace.literal(csv.toString()) + ", columns = {'c0': '" + type + "', 'c1': 'VARCHAR'},"
                + " header = false, skip = 1, delim = ',', quote = '\"', escape = '\"',"
                + " nullstr = ['', 'NA', 'N/A', 'NULL', '-'], auto_detect = false)";
    }

    private static String values(DuckDbWorkspace ws, String select) throws SQLException {
        try (var s = ws.connection().createStatement(); var rs = s.executeQuery("SELECT CAST(list(v) AS VARCHAR) FROM ("
                + select.replaceFirst(" FROM ", " AS v FROM ") + ")")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theCommonShapesAreDecidedAndOddOnesAreLeftToSql() throws IOException {
        assertThat(reading(List.of("1", "-2", "NA"))).isEqualTo("integer");
        assertThat(reading(List.of("1.25", "3"))).isEqualTo("decimal");
        assertThat(reading(List.of("true", "FALSE"))).isEqualTo("boolean");
        assertThat(reading(List.of("2024-01-31", ""))).isEqualTo("ISO date");
        assertThat(reading(List.of("2024-01-31T10:00:00.5Z"))).isEqualTo("ISO datetime");
        assertThat(reading(List.of("", "NA"))).isEqualTo("text");
        assertThat(reading(List.of("02134", "1"))).isNull();
        assertThat(reading(List.of("\"1\"\"\"", "1"))).isNull();
        assertThat(reading(List.of("1\r2", "1"))).isNull();
        assertThat(reading(List.of("$5", "1"))).isNull();
    }

    @Test
    void aDateDuckDbRefusesFarDownTheFileKeepsTheColumnAsText() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 7000; i++) lines.add(i + ",2023-01-" + String.format("%02d", 1 + i % 28));
        lines.add("7000,2023-02-30");
        DatasetProfile profile = ingest(lines);
        assertThat(profile.columns().get(1).type()).isEqualTo("string");
        assertThat(profile.columns().get(1).nulls()).isZero();
        assertThat(profile.rows()).isEqualTo(7001);
    }

    @Test
    void aLeadingZeroFarDownTheFileKeepsTheColumnAsTextAndTheValueIntact() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 7000; i++) lines.add(i + "," + (10000 + i));
        lines.add("7000,02134");
        Path work = Files.createDirectories(dir.resolve("work-zero"));
        DatasetProfile profile = ingest(lines, work);
        ColumnProfile code = profile.columns().get(1);
        assertThat(code.type()).isEqualTo("string");
        assertThat(profile.columns().get(0).type()).isEqualTo("integer");
        assertThat(Files.readAllLines(work.resolve("table-0").resolve(KernelCopy.CSV_FILE))).last().isEqualTo("7000,02134");
    }

    private String reading(List<String> values) throws IOException {
        Path csv = Files.createTempFile(dir, "shape", ".csv");
        StringBuilder text = new StringBuilder("v\n");
        for (String v : values) text.append(v).append('\n');
        Files.writeString(csv, text, StandardCharsets.UTF_8);
        ColumnShapes shapes = new ColumnShapes(1);
        new CsvStructureCheck().check(csv, new CsvDialect(',', List.of("v"), 1, 1, 0), shapes);
        return shapes.shape(0).reading();
    }

    private DatasetProfile ingest(List<String> lines) throws IOException {
        return ingest(lines, Files.createTempDirectory(dir, "work"));
    }

    private DatasetProfile ingest(List<String> lines, Path work) throws IOException {
        Path csv = work.resolve("upload.bin");
        Files.writeString(csv, "id,value\n" + String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        DatasetIngester ingester = new DatasetIngester(DatasetSettings.defaults(), JsonMapper.builder().build());
        return ingester.ingest(csv, work, DatasetIngester.Request.all()).getFirst().profile();
    }
}
