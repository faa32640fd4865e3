package io.autoanalyst.dataset.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.dataset.DatasetIngester;
import io.autoanalyst.dataset.DatasetSettings;
import io.autoanalyst.dataset.IngestedTable;
import io.autoanalyst.dataset.detect.FormatSniffer;
import io.autoanalyst.dataset.profile.DatasetProfile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Lines may end in LF, CRLF or a bare CR (classic Mac OS exports, which pandas reads too): all read alike. */
class LineBreaksTest {

    @TempDir
    Path dir;

    @Test
    void bareCarriageReturnsAreLineBreaks() throws Exception {
        DatasetProfile profile = ingest("a,b,note\r1,2.5,x\r3,4.5,\"two\rlines\"\r5,6.5,z\r", StandardCharsets.UTF_8);

        assertThat(profile.rows()).isEqualTo(3);
        assertThat(profile.columnNames()).containsExactly("a", "b", "note");
        assertThat(profile.columns().get(0).type()).isEqualTo("integer");
        assertThat(profile.columns().get(1).sum()).isEqualByComparingTo("13.5");
    }

    @Test
    void bareCarriageReturnsInAnotherEncodingToo() throws Exception {
        DatasetProfile profile = ingest("ville,n\rLyon,1\rNîmes,2\r", StandardCharsets.ISO_8859_1);

        assertThat(profile.rows()).isEqualTo(2);
        assertThat(profile.sampleRows().get(1).get(0)).isEqualTo("Nîmes");
    }

    @Test
    void crlfAndLfFilesAreNotCopied() throws Exception {
        assertThat(new FormatSniffer().sniff(write("a,b\r\n1,2\r\n", StandardCharsets.UTF_8)).crLineBreaks()).isFalse();
        assertThat(new FormatSniffer().sniff(write("a,b\n1,2\n", StandardCharsets.UTF_8)).crLineBreaks()).isFalse();
        assertThat(new FormatSniffer().sniff(write("a,b\r1,2\r", StandardCharsets.UTF_8)).crLineBreaks()).isTrue();
    }

    private DatasetProfile ingest(String text, java.nio.charset.Charset charset) throws Exception {
        Path file = write(text, charset);
        Path work = Files.createDirectories(dir.resolve("work-" + System.nanoTime()));
        List<IngestedTable> tables = new DatasetIngester(DatasetSettings.defaults(), JsonMapper.builder().build())
                .ingest(file, work, DatasetIngester.Request.all());
        return tables.getFirst().profile();
    }

    private Path write(String text, java.nio.charset.Charset charset) throws Exception {
        Path file = dir.resolve("upload-" + System.nanoTime() + ".csv");
        Files.write(file, text.getBytes(charset));
        return file;
    }
}
