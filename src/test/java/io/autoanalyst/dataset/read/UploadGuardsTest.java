package io.autoanalyst.dataset.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanalyst.dataset.UploadRejected;
import io.autoanalyst.dataset.detect.CsvDialect;
import io.autoanalyst.dataset.detect.CsvSniffer;
import io.autoanalyst.dataset.detect.CsvStructureCheck;
import io.autoanalyst.dataset.detect.DataFormat;
import io.autoanalyst.dataset.detect.PythonIdentifiers;
import io.autoanalyst.dataset.storage.UploadSpooler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/** The checks that run before any native or XML reader sees an upload's bytes. */
class UploadGuardsTest {

    @TempDir
    Path dir;

    @Test
    void aZipBombIsStoppedAtTheLimitWithoutInflatingIt() throws IOException {
        Path bomb = dir.resolve("bomb.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bomb))) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) 'A');
            for (int i = 0; i < 64; i++) zip.write(chunk); // 64 MiB of one letter: ratio ~1000:1
        }
        XlsxSafetyCheck check = new XlsxSafetyCheck(32L << 20, 100);
        assertThatThrownBy(() -> check.check(bomb)).isInstanceOfSatisfying(UploadRejected.class, e -> {
            assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
            assertThat(e.getMessage()).contains("zip bomb");
        });
    }

    @Test
    void aDoctypeInAWorkbookPartIsRejected() throws IOException {
        Path xxe = dir.resolve("xxe.xlsx");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(xxe))) {
            zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
            zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
            zip.write("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><sst>&e;</sst>"
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> new XlsxSafetyCheck(1L << 30, 200).check(xxe)).hasMessageContaining("DOCTYPE");
    }

    @Test
    void jsonNestedTooDeepIsRejectedBeforeDuckDbSeesIt() throws IOException {
        Path deep = dir.resolve("deep.json");
        try (OutputStream out = Files.newOutputStream(deep)) {
            out.write("[{\"a\":".getBytes(StandardCharsets.UTF_8));
            out.write("[".repeat(5000).getBytes(StandardCharsets.UTF_8));
            out.write("]".repeat(5000).getBytes(StandardCharsets.UTF_8));
            out.write("}]".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> new JsonShapeCheck(64).check(deep, DataFormat.JSON_ARRAY)).hasMessageContaining("nested too deep");
    }

    @Test
    void anUploadOverTheLimitStopsWithA413() {
        UploadSpooler spooler = new UploadSpooler(1000);
        Path target = dir.resolve("upload.bin");
        assertThatThrownBy(() -> spooler.spool(new ByteArrayInputStream(new byte[5000]), target))
                .isInstanceOfSatisfying(UploadRejected.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    @Test
    void delimiterAndHeaderAreFoundBehindNotes() throws IOException {
        Path csv = dir.resolve("notes.csv");
        Files.writeString(csv, "Export of 2024\nby finance\n\nid;amount;name\n1;2,50;a\n2;3,75;b\n");
        CsvDialect dialect = new CsvSniffer().sniff(csv);
        assertThat(dialect.delimiter()).isEqualTo(';');
        assertThat(dialect.header()).containsExactly("id", "amount", "name");
        assertThat(dialect.headerLine()).isEqualTo(4);
        assertThat(new CsvStructureCheck().check(csv, dialect, null).rows()).isEqualTo(2);
    }

    @Test
    void variableNamesAreValidUnreservedAndDistinct() {
        assertThat(PythonIdentifiers.derive("summary by region", "sheet", Set.of())).isEqualTo("summary_by_region");
        assertThat(PythonIdentifiers.derive("class", "sheet", Set.of())).isEqualTo("class_data");
        assertThat(PythonIdentifiers.derive("df", "sheet", Set.of())).isEqualTo("df_data");
        assertThat(PythonIdentifiers.derive("123", "sheet", Set.of())).isEqualTo("sheet_123");
        assertThat(PythonIdentifiers.derive("ＤＡＴＡ été", "sheet", Set.of())).isEqualTo("DATA_ete");
        assertThat(PythonIdentifiers.derive("Sales", "sheet", Set.of("Sales"))).isEqualTo("Sales_2");
        assertThat(PythonIdentifiers.derive("📊", "sheet", Set.of())).isEqualTo("sheet");
    }
}
