package io.autoanalyst.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A 1,000,000-row CSV (about 80 MB) uploaded through HTTP: every row arrives with exact
 * aggregates, and the server's heap does not grow with the file (the server runs in this JVM, so
 * the live heap is sampled, after a forced collection, every 100 ms while the upload runs).
 */
@Tag("slow")
@SqliteApi
class BigUploadTest extends ApiTestBase {

    @TempDir
    static Path dir;


    @Test
    void aMillionRowUploadIsExactAndTheHeapDoesNotGrowWithTheFile() throws Exception {
        BigCsv csv = BigCsv.write(dir.resolve("big.csv"), 1_000_000);
        long fileSize = Files.size(csv.file());
        Api client = api.session(newSessionId()).with("X-Test", "big");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long baseline = memory.getHeapMemoryUsage().getUsed();
        AtomicLong peak = new AtomicLong(baseline);
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                // Collect first, so the sample is what the server holds on to, not garbage awaiting a GC
                // (the test's own HTTP client produces some while it streams the file).
                System.gc();
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        Multipart form = new Multipart().file("file", "big.csv", csv.file()).field("name", "big");
        Api.Response r = client.send(client.builder("/upload_dataframe").timeout(Duration.ofMinutes(5))
                .header("Content-Type", form.contentType()).POST(form.body()));
        sampler.interrupt();
        sampler.join();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("rows").asLong()).isEqualTo(1_000_000);

        JsonNode columns = client.get("/api/datasets").json().path("datasets").get(0).path("profile").path("columns");
        assertThat(columns).hasSize(10);
        assertThat(columns.findValuesAsString("type")).containsExactly("integer", "datetime", "integer", "string", "decimal",
                "integer", "decimal", "boolean", "integer", "string");
        assertThat(columns.get(5).path("sum").asLong()).isEqualTo(csv.sumQuantity());
        assertThat(columns.get(4).path("sum").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(csv.sumAmountCents(), 2));
        assertThat(columns.get(7).path("true_count").asLong()).isEqualTo(csv.trueCount());
        assertThat(columns.get(8).path("nulls").asLong()).isEqualTo(csv.missing());
        // A few countries: exact counts; a code per row: candidates from an estimate, counted exactly (once each).
        assertThat(columns.get(3).path("top_values")).hasSizeGreaterThan(1);
        assertThat(columns.get(3).path("top_values").get(0).path("count").asLong()).isGreaterThan(50_000);
        assertThat(columns.get(9).path("top_values")).hasSize(5);
        columns.get(9).path("top_values").forEach(v -> assertThat(v.path("count").asLong()).isEqualTo(1));
        assertThat(client.get("/api/datasets").json().path("datasets").get(0).path("profile").path("notes").toString())
                .contains("most frequent values of [code]").contains("approx_top_k");

        long growth = peak.get() - baseline;
        System.out.printf("file %d bytes, live heap baseline %d MiB, peak %d MiB, growth %d MiB%n", fileSize,
                baseline >> 20, peak.get() >> 20, growth >> 20);
        // A server that held the file (or its rows) would grow by at least the file's size.
        assertThat(growth).isLessThan(fileSize / 4);
    }
}
