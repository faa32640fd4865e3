package io.autoanalyst.dataset.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanalyst.dataset.UploadRejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file checked in parts gives exactly what one pass gives: rows, longest line, every column's
 * shape, and the same rejection with the same line number, also when quoted fields with line
 * breaks straddle the cuts.
 */
class CsvStructureCheckTest {

    @TempDir
    Path dir;

    private final CsvSniffer sniffer = new CsvSniffer();

    @Test
    void partsAgreeWithOnePassOnRandomFiles() throws IOException {
        Random random = new Random(42);
        int compared = 0;
        int rejected = 0;
        for (int file = 0; file < 80; file++) {
            Path csv = dir.resolve("f" + file + ".csv");
            Files.writeString(csv, randomCsv(random, 20 + random.nextInt(400), random.nextInt(10) < 3), StandardCharsets.UTF_8);
            CsvDialect dialect;
            try {
                dialect = sniffer.sniff(csv);
            } catch (UploadRejected e) {
                continue; // the sniffer already saw the whole (small) file was broken
            }
            Outcome expected = outcome(csv, dialect, 1);
            compared++;
            if (expected.rejection() != null) rejected++;
            for (int parts = 2; parts <= 6; parts++) {
                assertThat(outcome(csv, dialect, parts)).as("file %d in %d parts", file, parts).isEqualTo(expected);
            }
        }
        assertThat(compared).isGreaterThan(50);
        assertThat(rejected).as("spoilt files rejected by the full check").isPositive();
    }

    @Test
    void aRaggedLineDeepInTheFileIsNamedByItsLineNumberWhicheverPartFindsIt() throws IOException {
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < 5000; i++) text.append(i).append(",\"x\ny\"\n"); // two physical lines a row
        text.append("1,2,3\n").append("7,8\n");
        Path csv = dir.resolve("ragged.csv");
        Files.writeString(csv, text);
        CsvDialect dialect = sniffer.sniff(csv);
        for (int parts = 1; parts <= 4; parts++) {
            int p = parts;
            assertThatThrownBy(() -> new CsvStructureCheck(p).check(csv, dialect, new ColumnShapes(2), 0))
                    .hasMessageStartingWith("Line 10002 has 3 fields, expected 2");
        }
    }

    @Test
    void aRaggedLastLineWithoutALineBreakIsRejected() throws IOException {
        Path csv = dir.resolve("tail.csv");
        Files.writeString(csv, "a,b\n1,2\n3,4,5");
        CsvDialect dialect = sniffer.sniff(csv);
        assertThatThrownBy(() -> new CsvStructureCheck(1).check(csv, dialect, null, 0))
                .hasMessageStartingWith("Line 3 has 3 fields, expected 2");
    }

    @Test
    void anUnclosedQuoteNearTheEndIsReportedWhereItOpens() throws IOException {
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < 3000; i++) text.append(i).append(",v\n");
        text.append("1,\"never closed\n2,3\n");
        Path csv = dir.resolve("quote.csv");
        Files.writeString(csv, text);
        CsvDialect dialect = sniffer.sniff(csv);
        for (int parts = 1; parts <= 3; parts++) {
            int p = parts;
            assertThatThrownBy(() -> new CsvStructureCheck(p).check(csv, dialect, null, 0))
                    .hasMessageStartingWith("Line 3002 opens a quoted field that is never closed");
        }
    }

    private record Outcome(long rows, long longest, List<ColumnShapes.Shape> shapes, String rejection) {
    }

    private static Outcome outcome(Path csv, CsvDialect dialect, int parts) {
        ColumnShapes shapes = new ColumnShapes(dialect.columns());
        try {
            CsvStructureCheck.Structure s = new CsvStructureCheck(parts).check(csv, dialect, shapes, 0);
            List<ColumnShapes.Shape> each = new ArrayList<>();
            for (int c = 0; c < dialect.columns(); c++) each.add(shapes.shape(c));
            return new Outcome(s.rows(), s.longestRecordBytes(), each, null);
        } catch (UploadRejected e) {
            return new Outcome(-1, -1, List.of(), e.getMessage());
        }
    }

    /** Header (sometimes after junk lines), then rows mixing every shape, quoted line breaks, doubled quotes, CRLF, blanks. */
    static String randomCsv(Random random, int rows, boolean spoil) {
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) out.append("exported by a tool\n\n");
        out.append("id,when,amount,flag,note\n");
        for (int i = 0; i < rows; i++) {
            String eol = random.nextInt(5) == 0 ? "\r\n" : "\n";
            if (random.nextInt(40) == 0) out.append(eol);
            String when = random.nextInt(30) == 0 ? "NA" : String.format("2024-%02d-%02d%s", 1 + random.nextInt(12),
                    1 + random.nextInt(28), random.nextBoolean() ? " 10:1" + random.nextInt(10) + ":00" : "");
            String amount = switch (random.nextInt(6)) {
                case 0 -> "";
                case 1 -> String.valueOf(random.nextInt(1000));
                case 2 -> " " + random.nextInt(50) + " ";
                case 3 -> "1.5e" + random.nextInt(5);
                default -> random.nextInt(100000) + "." + random.nextInt(1000);
            };
            String flag = random.nextBoolean() ? "true" : (random.nextInt(20) == 0 ? "maybe" : "FALSE");
            String note = switch (random.nextInt(7)) {
                case 0 -> "\"line one\nline two\"";
                case 1 -> "\"says \"\"hi\"\", then, leaves\"";
                case 2 -> "naïve";
                case 3 -> "\"" + "x".repeat(random.nextInt(200)) + "\n\"";
                default -> "plain" + i;
            };
            out.append(i).append(',').append(when).append(',').append(amount).append(',').append(flag).append(',')
                    .append(note).append(eol);
        }
        if (spoil) {
            int at = out.length() / 2 + random.nextInt(out.length() / 2);
            out.insert(at, random.nextBoolean() ? "\"" : ",extra,");
        }
        if (random.nextBoolean() && out.charAt(out.length() - 1) == '\n') out.setLength(out.length() - 1);
        return out.toString();
    }
}
