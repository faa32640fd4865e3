package io.autoanalyst.dataset.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanalyst.dataset.DatasetIngester;
import io.autoanalyst.dataset.DatasetSettings;
import io.autoanalyst.dataset.Ingestion;
import io.autoanalyst.dataset.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Copies written after the upload answered: readers wait for them, and a failed one is reported, never half-read. */
class KernelCopiesTest {

    @TempDir
    Path dir;

    private final KernelCopies copies = new KernelCopies();
    private final DatasetIngester ingester = new DatasetIngester(DatasetSettings.defaults(), JsonMapper.builder().build());

    @AfterEach
    void stop() throws InterruptedException {
        copies.destroy();
    }

    @Test
    void aReaderWaitsForTheCopyAndItsSizeIsReported() throws Exception {
        Ingestion ingestion = open("orders");
        Path folder = moved(ingestion);
        Map<Path, Long> sizes = new ConcurrentHashMap<>();
        CountDownLatch cleaned = new CountDownLatch(1);
        assertThat(copies.tryReserve()).isTrue();
        copies.expect(List.of(folder));

        copies.writeLater(ingestion, List.of(folder), sizes::put, cleaned::countDown);
        copies.awaitWritten(folder);

        assertThat(Files.readString(KernelCopy.in(folder).csv())).startsWith("id,day,qty,price,paid,city\n1,2024-01-01,");
        assertThat(cleaned.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sizes.get(folder)).isEqualTo(Files.size(KernelCopy.in(folder).csv()));
        assertThat(folder.resolve(KernelCopy.CSV_FILE + ".partial")).doesNotExist();
    }

    @Test
    void aCopyThatCouldNotBeWrittenIsReportedToTheReader() throws Exception {
        Ingestion ingestion = open("gone");
        Path folder = moved(ingestion);
        CountDownLatch cleaned = new CountDownLatch(1);
        assertThat(copies.tryReserve()).isTrue();
        copies.expect(List.of(folder));
        Files.delete(KernelCopy.in(folder).dtypes());
        Files.delete(folder.resolve(KernelCopies.WRITING_MARKER));
        Files.delete(folder); // e.g. the dataset was deleted while its copy was being written

        copies.writeLater(ingestion, List.of(folder), (f, size) -> { }, cleaned::countDown);

        assertThatThrownBy(() -> copies.awaitWritten(folder)).isInstanceOf(IOException.class)
                .hasMessageContaining("could not be written").hasMessageContaining("upload the file again");
        assertThat(cleaned.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(copies.tryReserve()).as("the slot is given back").isTrue();
    }

    @Test
    void aCopyNeverAnnouncedAndMissingIsReportedAsMissing() {
        assertThatThrownBy(() -> copies.awaitWritten(dir.resolve("nowhere"))).isInstanceOf(IOException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void onlyAFewCopiesAreWrittenInTheBackgroundAtOnce() {
        assertThat(copies.tryReserve()).isTrue();
        assertThat(copies.tryReserve()).isTrue();
        assertThat(copies.tryReserve()).as("the third upload writes its own copies").isFalse();
        copies.abandon(List.of());
        assertThat(copies.tryReserve()).isTrue();
    }

    private Ingestion open(String name) throws IOException {
        Path source = dir.resolve(name + ".csv");
        Files.write(source, TestFiles.ordersCsv());
        Path work = Files.createDirectories(dir.resolve(name + "-work"));
        return ingester.open(source, work, DatasetIngester.Request.all());
    }

    /** The table's folder moved to its final place, as the upload commits it before the copy is written. */
    private Path moved(Ingestion ingestion) throws IOException {
        Path target = dir.resolve("committed-" + System.nanoTime());
        Files.move(ingestion.tables().getFirst().folder(), target);
        return target;
    }
}
