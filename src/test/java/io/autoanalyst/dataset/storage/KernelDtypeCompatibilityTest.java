package io.autoanalyst.dataset.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autoanalyst.dataset.DatasetIngester;
import io.autoanalyst.dataset.DatasetSettings;
import io.autoanalyst.dataset.FixtureCorpus;
import io.autoanalyst.dataset.IngestedTable;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loaded data behaves like {@code pd.read_csv}'s, or better, never worse: every dataset is ingested as an
 * upload is and loaded with the kernel's loader code, then the calls analysis code uses most (describe,
 * corr, corrwith, groupby, pivot tables, numpy, scipy tests, statsmodels OLS and formulas, scikit-learn
 * models, plotly charts with OLS trendlines, CSV and JSON export; see {@code python/dtype_compat.py}) run
 * on it and on the same data read by plain {@code pd.read_csv}. A call that raises on ours but not on
 * pandas' own frame fails the test, and so does a numeric or boolean column whose dtype differs.
 */
class KernelDtypeCompatibilityTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsTheKernelStack() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "/usr/bin/python3 not installed; skipped");
        Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import pandas, plotly, statsmodels, sklearn, scipy")
                .redirectErrorStream(true).start();
        assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "/usr/bin/python3 lacks the kernel's packages; skipped");
    }

    @Test
    void theSampleDatasetBehavesLikePandasOwn() throws Exception {
        Path housing = dir.resolve("Housing.csv");
        try (InputStream in = getClass().getResourceAsStream("/datasets/Housing.csv")) {
            Files.copy(in, housing);
        }
        List<JsonNode> reports = compare(Map.of("Housing.csv", housing));
        JsonNode housingReport = reports.getFirst();
        assertThat(housingReport.path("dtypes").path("price").asString()).isEqualTo("int64");
        assertThat(housingReport.path("dtypes").path("furnishingstatus").asString()).isEqualTo("object");
        // correlation, regression and trendline calls all ran (these are what failed on nullable Int64)
        assertThat(housingReport.path("checks").asInt()).isGreaterThan(60);
    }

    @Test
    void generatedFramesBehaveLikePandasOwn() throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        for (int seed = 1; seed <= 6; seed++) {
            Path file = dir.resolve("generated-" + seed + ".csv");
            Files.writeString(file, generatedCsv(new Random(seed), 40 + seed * 37));
            files.put(file.getFileName().toString(), file);
        }
        List<JsonNode> reports = compare(files);
        assertThat(reports).hasSize(6);
        for (JsonNode report : reports) {
            JsonNode dtypes = report.path("dtypes");
            assertThat(dtypes.path("whole").asString()).isEqualTo("int64");
            assertThat(dtypes.path("whole_with_gaps").asString()).isEqualTo("float64");
            assertThat(dtypes.path("flag").asString()).isEqualTo("bool");
            assertThat(dtypes.path("flag_with_gaps").asString()).isEqualTo("object");
            assertThat(dtypes.path("day").asString()).isEqualTo("datetime64[ns]");
        }
    }

    @Test
    void theFixtureCorpusFilesThatParseBehaveLikePandasOwn() throws Exception {
        FixtureCorpus.assumePresent();
        Map<String, Path> files = new LinkedHashMap<>();
        for (JsonNode file : FixtureCorpus.files()) {
            if (!"parse".equals(file.path("expect").path("outcome").asString())) continue;
            files.put(file.path("path").asString(), FixtureCorpus.root().resolve(file.path("path").asString()));
        }
        assertThat(compare(files)).hasSizeGreaterThanOrEqualTo(files.size());
    }

    /** Ingests each file as an upload is, compares every table it holds, asserts no regression; returns the reports. */
    private static List<JsonNode> compare(Map<String, Path> files) throws Exception {
        List<Map<String, String>> input = new ArrayList<>();
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Path work = Files.createDirectories(dir.resolve("work-" + Integer.toHexString(file.getKey().hashCode()) + "-" + input.size()));
            for (IngestedTable table : new DatasetIngester(DatasetSettings.defaults(), JSON)
                    .ingest(file.getValue(), work, DatasetIngester.Request.all())) {
                String name = file.getKey() + (table.sourceName() == null ? "" : " [" + table.sourceName() + "]");
                input.add(Map.of("name", name, "csv", table.copy().csv().toString(),
                        "loader", PandasLoaderCode.loadAll(List.of(new DatasetLoad("df", name, table.copy())))));
            }
        }
        Path inputFile = dir.resolve("input-" + System.nanoTime() + ".json");
        Files.writeString(inputFile, JSON.writeValueAsString(input));
        Path script = dir.resolve("dtype_compat.py");
        try (InputStream in = KernelDtypeCompatibilityTest.class.getResourceAsStream("/python/dtype_compat.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(PYTHON.toString(), script.toString(), inputFile.toString())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        List<JsonNode> reports = out.lines().filter(l -> l.startsWith("{")).map(JSON::readTree).toList();
        assertThat(reports).as(out).hasSize(input.size());
        for (JsonNode report : reports) {
            assertThat(report.path("regressions")).as("calls that raise on %s but not with pd.read_csv", report.path("name")).isEmpty();
            assertThat(report.path("dtype_differences")).as("dtypes of %s that differ from pd.read_csv's", report.path("name")).isEmpty();
            assertThat(report.path("checks").asInt()).isPositive();
        }
        return reports;
    }

    /** Integers with and without gaps, floats, booleans with and without gaps, dates, categories, free text, an empty column. */
    static String generatedCsv(Random random, int rows) {
        StringBuilder csv = new StringBuilder("whole,whole_with_gaps,amount,flag,flag_with_gaps,day,group,note,empty\n");
        String[] groups = {"north", "south", "east"};
        for (int i = 0; i < rows; i++) {
            csv.append(random.nextInt(2_000) - 500).append(',');
            csv.append(random.nextInt(6) == 0 ? "" : Integer.toString(random.nextInt(100))).append(',');
            csv.append(random.nextInt(8) == 0 ? "" : String.format(Locale.ROOT, "%.3f", random.nextGaussian() * 50 + 100)).append(',');
            csv.append(i % 2 == 0 ? "true" : "false").append(',');
            csv.append(random.nextInt(5) == 0 ? "" : random.nextBoolean() ? "true" : "false").append(',');
            csv.append(String.format(Locale.ROOT, "2023-%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28))).append(',');
            csv.append(groups[i % 3]).append(',');
            csv.append(random.nextInt(7) == 0 ? "" : "note " + random.nextInt(1_000_000)).append(',');
            csv.append('\n');
        }
        return csv.toString();
    }

}
