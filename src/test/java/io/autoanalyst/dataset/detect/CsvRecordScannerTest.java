package io.autoanalyst.dataset.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scanner takes runs of ordinary bytes in one go; fed one byte at a time it cannot, so the two
 * must report the same records, lines, offsets and field shapes on any input.
 */
class CsvRecordScannerTest {

    private record Scan(List<String> records, List<ColumnShapes.Shape> shapes, boolean insideQuotes) {
    }

    @Test
    void runsGiveWhatSingleBytesGive() {
        Random random = new Random(11);
        for (int file = 0; file < 120; file++) {
            byte[] csv = CsvStructureCheckTest.randomCsv(random, 10 + random.nextInt(200), random.nextBoolean())
                    .getBytes(StandardCharsets.UTF_8);
            Scan whole = scan(csv, csv.length);
            assertThat(scan(csv, 1)).as("file %d byte by byte", file).isEqualTo(whole);
            assertThat(scan(csv, 1 + random.nextInt(100))).as("file %d in chunks", file).isEqualTo(whole);
        }
    }

    @Test
    void aLongQuotedFieldWithLineBreaksCountsItsLines() {
        byte[] csv = ("a,b\n1,\"" + "x".repeat(5000) + "\ny\r\nz\"\n2,3\n").getBytes(StandardCharsets.UTF_8);
        assertThat(scan(csv, csv.length).records()).containsExactly("2@1-1:0-3", "2@2-4:4-5013", "2@5-5:5014-5017");
    }

    private static Scan scan(byte[] csv, int chunk) {
        List<String> records = new ArrayList<>();
        ColumnShapes shapes = new ColumnShapes(5);
        CsvRecordScanner scanner = new CsvRecordScanner(',', (fields, first, last, start, end) -> {
            records.add(fields + "@" + first + "-" + last + ":" + start + "-" + end);
            if (fields == 5) shapes.commit();
            return true;
        }, shapes);
        for (int off = 0; off < csv.length; off += chunk) scanner.feed(csv, off, Math.min(chunk, csv.length - off));
        boolean inside = scanner.insideQuotes();
        scanner.finish();
        List<ColumnShapes.Shape> each = new ArrayList<>();
        for (int c = 0; c < 5; c++) each.add(shapes.shape(c));
        return new Scan(records, each, inside);
    }
}
