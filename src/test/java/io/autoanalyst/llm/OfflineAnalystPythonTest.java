package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the offline analyst's code with the system Python on a small CSV whose answers are known (price is exactly
 * 1000 * area + 5), and checks the numbers it prints. Skipped where /usr/bin/python3 has no pandas.
 */
class OfflineAnalystPythonTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String CSV = """
            price,area,bedrooms,mainroad,furnishingstatus,sold_on,parking
            10005,10,1,yes,furnished,2024-01-15,1
            20005,20,2,yes,furnished,2024-02-15,
            30005,30,3,yes,semi-furnished,2024-03-15,0
            40005,40,4,no,semi-furnished,2024-04-15,2
            50005,50,5,no,unfurnished,2024-05-15,1
            60005,60,6,no,unfurnished,2024-06-15,0
            """;

    @TempDir
    static Path dir;

    private static Map<String, String> outputs;

    @BeforeAll
    static void runEveryIntentOnce() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        assumeTrue(exec(List.of(PYTHON.toString(), "-c", "import pandas, plotly, statsmodels, scipy")).exit == 0,
                "/usr/bin/python3 lacks pandas, plotly, statsmodels or scipy");
        DatasetSchema schema = new DatasetSchema("housing", List.of(
                new DatasetSchema.Column("price", "int64", DatasetSchema.ColumnKind.NUMERIC, List.of()),
                new DatasetSchema.Column("area", "int64", DatasetSchema.ColumnKind.NUMERIC, List.of()),
                new DatasetSchema.Column("bedrooms", "int64", DatasetSchema.ColumnKind.NUMERIC, List.of()),
                new DatasetSchema.Column("mainroad", "object", DatasetSchema.ColumnKind.CATEGORICAL, List.of("yes", "no")),
                new DatasetSchema.Column("furnishingstatus", "object", DatasetSchema.ColumnKind.CATEGORICAL,
                        List.of("furnished", "semi-furnished", "unfurnished")),
                new DatasetSchema.Column("sold_on", "object", DatasetSchema.ColumnKind.DATETIME, List.of()),
                new DatasetSchema.Column("parking", "float64", DatasetSchema.ColumnKind.NUMERIC, List.of())));
        Map<String, String> questions = new LinkedHashMap<>();
        questions.put("describe", "describe the dataset");
        questions.put("missing", "are there missing values?");
        questions.put("summary", "summary statistics of price");
        questions.put("distribution", "distribution of price");
        questions.put("matrix", "correlation matrix");
        questions.put("pair", "correlation between price and area");
        questions.put("group", "average price by furnishingstatus");
        questions.put("top", "top 2 rows by price");
        questions.put("trend", "trend of price over time");
        questions.put("regression", "regress price on area");
        questions.put("auto_regression", "predict price");
        questions.put("compare", "compare price between mainroad yes and no");
        OfflineAnalyst analyst = new OfflineAnalyst();
        Path csv = Files.writeString(dir.resolve("housing.csv"), CSV);
        StringBuilder script = new StringBuilder("""
                import sys, pandas as pd
                import plotly.graph_objects as go
                go.Figure.show = lambda self, *args, **kwargs: None  # the kernel captures figures; here they are dropped
                source = pd.read_csv(sys.argv[1])
                """);
        for (Map.Entry<String, String> q : questions.entrySet()) {
            OfflineAnswer answer = analyst.answer(q.getValue(), schema);
            assertThat(answer.intent()).as(q.getKey()).isNotEqualTo(OfflineIntent.NOT_SUPPORTED);
            Path snippet = Files.writeString(dir.resolve(q.getKey() + ".py"), answer.code());
            script.append("print('=== ").append(q.getKey()).append("', flush=True)\n")
                    .append("exec(open(").append(PythonSource.str(snippet.toString()))
                    .append(").read(), {'housing': source.copy()})\n");
        }
        Path runner = Files.writeString(dir.resolve("run.py"), script);
        Result result = exec(List.of(PYTHON.toString(), runner.toString(), csv.toString()));
        assertThat(result.exit).as(result.output).isZero();
        outputs = new LinkedHashMap<>();
        String current = null;
        for (String line : result.output.lines().toList()) {
            if (line.startsWith("=== ")) {
                current = line.substring(4).trim();
                outputs.put(current, "");
            } else if (current != null) {
                outputs.merge(current, line + "\n", String::concat);
            }
        }
    }

    @Test
    void regressionRecoversTheExactLine() {
        assertThat(outputs.get("regression")).contains("Slope of area: 1000.0000").contains("Intercept: 5.0000")
                .contains("R-squared: 1.0000");
    }

    @Test
    void regressionWithoutAPredictorPicksTheMostCorrelatedColumn() {
        // area and bedrooms are both perfectly correlated with price; either is right, and the slope tells which.
        assertThat(outputs.get("auto_regression")).containsPattern("Slope of (area: 1000\\.0000|bedrooms: 10000\\.0000)");
    }

    @Test
    void groupMeansAreComputedPerGroup() {
        assertThat(outputs.get("group")).containsPattern("unfurnished\\s+55005\\b")
                .containsPattern("semi-furnished\\s+35005\\b").containsPattern("\\nfurnished\\s+15005\\b");
    }

    @Test
    void comparingTwoGroupsGivesTheirMeanDifferenceAndATest() {
        assertThat(outputs.get("compare")).contains("Difference in mean price (yes - no): -30000.0000")
                .contains("Welch t-test: t = ");
    }

    @Test
    void thePairCorrelationOfALinearRelationIsOne() {
        assertThat(outputs.get("pair")).contains("Pearson correlation between price and area: 1.0000")
                .contains("Rows used: 6");
    }

    @Test
    void theMatrixListsTheStrongestPairs() {
        assertThat(outputs.get("matrix")).contains("Strongest pairs:").containsPattern("price\\s+area\\s+1\\b");
    }

    @Test
    void topRowsAreTheLargest() {
        assertThat(outputs.get("top")).contains("Top 2 values of price: [60005, 50005]");
    }

    @Test
    void missingValuesAreCounted() {
        assertThat(outputs.get("missing")).contains("Total missing values: 1").containsPattern("parking\\s+1\\s+16\\.67");
    }

    @Test
    void theTrendRunsFromTheFirstToTheLastPeriod() {
        assertThat(outputs.get("trend")).contains("First period: 10005.0000, last period: 60005.0000, change: +50000.0000");
    }

    @Test
    void summaryDistributionAndDescriptionPrintTheirNumbers() {
        assertThat(outputs.get("summary")).containsPattern("price\\s+6\\s+35005\\b");
        assertThat(outputs.get("distribution")).contains("Skewness: 0.0000").containsPattern("mean\\s+35005\\b");
        assertThat(outputs.get("describe")).contains("Rows: 6, columns: 7");
    }

    private record Result(int exit, String output) {}

    private static Result exec(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PYTHONUNBUFFERED", "1");
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("python did not finish: " + command);
        }
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
