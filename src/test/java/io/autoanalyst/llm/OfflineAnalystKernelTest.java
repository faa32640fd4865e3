package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autoanalyst.llm.DatasetSchema.Column;
import io.autoanalyst.llm.DatasetSchema.ColumnKind;
import io.autoanalyst.runtime.RunResult;
import io.autoanalyst.runtime.TestKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline analyst's code run in a real kernel on small datasets whose answers were worked out by hand (the
 * comments show the arithmetic), loaded the way {@code pd.read_csv} loads them: plain int64 / float64 (gaps) /
 * bool / object / datetime64 columns. Each printed statement is checked against the hand-computed value.
 */
class OfflineAnalystKernelTest {

    private static final OfflineAnalyst ANALYST = new OfflineAnalyst();

    /** Orders: other column names, a date column, gaps in units, revenue and rating. */
    private static final String SHOP_CSV = """
            order_id,order_date,region,category,units,unit_price,revenue,returned,rating
            1,2023-01-05,North,Toys,2,10.0,20.0,no,4
            2,2023-01-20,South,Toys,1,10.0,10.0,no,5
            3,2023-02-03,North,Books,5,4.0,20.0,yes,3
            4,2023-02-17,East,Books,3,4.0,12.0,no,
            5,2023-03-02,South,Garden,4,25.0,100.0,no,4
            6,2023-03-15,North,Garden,,25.0,,yes,2
            7,2023-04-01,East,Toys,6,10.0,60.0,no,5
            8,2023-04-22,South,Books,2,4.0,8.0,no,4
            9,2023-05-09,North,Toys,3,10.0,30.0,yes,1
            10,2023-05-30,East,Garden,1,25.0,25.0,no,5
            11,2023-06-11,South,Toys,8,10.0,80.0,no,4
            12,2023-06-25,North,Books,7,4.0,28.0,no,3
            """;
    private static final DatasetSchema SHOP = new DatasetSchema("shop", List.of(
            new Column("order_id", "int64", ColumnKind.NUMERIC, List.of("1", "2", "3")),
            new Column("order_date", "datetime64[ns]", ColumnKind.DATETIME, List.of("2023-01-05")),
            new Column("region", "object", ColumnKind.CATEGORICAL, List.of("North", "South", "East")),
            new Column("category", "object", ColumnKind.CATEGORICAL, List.of("Toys", "Books", "Garden")),
            new Column("units", "float64", ColumnKind.NUMERIC, List.of("2.0", "1.0")),
            new Column("unit_price", "float64", ColumnKind.NUMERIC, List.of("10.0", "4.0")),
            new Column("revenue", "float64", ColumnKind.NUMERIC, List.of("20.0", "10.0")),
            new Column("returned", "object", ColumnKind.CATEGORICAL, List.of("no", "yes")),
            new Column("rating", "float64", ColumnKind.NUMERIC, List.of("4.0", "5.0"))));

    /** Staff: names with spaces, capitals and a unit, a bool column, held in a variable the code also binds. */
    private static final String STAFF_CSV = """
            Employee ID,Department,Years Employed,Monthly Income ($),Is Manager,Start Date
            101,Sales,3,4000,False,2019-03-01
            102,Sales,7,5200,True,2015-06-15
            103,IT,,6100,False,2021-01-10
            104,IT,10,8000,True,2012-09-01
            105,HR,2,3500,False,2022-02-20
            106,HR,5,4500,True,2018-11-30
            107,IT,4,,False,2020-07-07
            108,Sales,1,3900,False,2023-04-04
            """;
    private static final DatasetSchema STAFF = new DatasetSchema("data", List.of(
            new Column("Employee ID", "int64", ColumnKind.NUMERIC, List.of("101")),
            new Column("Department", "object", ColumnKind.CATEGORICAL, List.of("Sales", "IT", "HR")),
            new Column("Years Employed", "float64", ColumnKind.NUMERIC, List.of("3.0")),
            new Column("Monthly Income ($)", "float64", ColumnKind.NUMERIC, List.of("4000.0")),
            new Column("Is Manager", "bool", ColumnKind.BOOL, List.of("False", "True")),
            new Column("Start Date", "datetime64[ns]", ColumnKind.DATETIME, List.of("2019-03-01"))));

    /** Three square blobs of four points 10 apart; label is "high" right of x = 5. */
    private static final String POINTS_CSV = """
            x,y,label
            0,0,low
            0,1,low
            1,0,low
            1,1,low
            10,10,high
            10,11,high
            11,10,high
            11,11,high
            20,0,high
            20,1,high
            21,0,high
            21,1,high
            """;
    private static final DatasetSchema POINTS = new DatasetSchema("points", List.of(
            new Column("x", "int64", ColumnKind.NUMERIC, List.of("0", "10")),
            new Column("y", "int64", ColumnKind.NUMERIC, List.of("0", "1")),
            new Column("label", "object", ColumnKind.CATEGORICAL, List.of("low", "high"))));

    @TempDir
    static Path workRoot;
    static TestKernels kernels;

    @BeforeAll
    static void loadTheDatasets() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3");
        kernels = TestKernels.start(workRoot, "pool-size", "3", "wall-time-per-run", "60s");
        load(SHOP, SHOP_CSV, "parse_dates=['order_date']", "shop.units.dtype, shop.order_id.dtype", "float64 int64");
        load(STAFF, STAFF_CSV, "parse_dates=['Start Date']", "data['Is Manager'].dtype", "bool");
        load(POINTS, POINTS_CSV, "", "points.x.dtype", "int64");
    }

    /** One session per dataset, as the product has it, with the dataset read as pd.read_csv reads it. */
    private static void load(DatasetSchema schema, String csv, String options, String dtypes, String expected) {
        RunResult load = kernels.sessions.run(schema.varName(), "import io\nimport pandas as pd\n"
                + schema.varName() + " = pd.read_csv(io.StringIO(" + PythonSource.str(csv) + ")"
                + (options.isEmpty() ? "" : ", " + options) + ")\nprint(" + dtypes + ")");
        assertThat(load.success()).as(load.toString()).isTrue();
        assertThat(load.stdout().strip()).isEqualTo(expected);
    }

    @AfterAll
    static void stopKernels() {
        if (kernels != null) {
            kernels.close();
        }
    }

    /** Asks the question, checks the intent, runs the code in the dataset's session and returns what it printed. */
    private static String ask(DatasetSchema schema, String question, OfflineIntent intent) {
        return ask(schema.varName(), schema, question, intent);
    }

    private static String ask(String session, DatasetSchema schema, String question, OfflineIntent intent) {
        OfflineAnswer answer = ANALYST.answer(question, schema);
        assertThat(answer.intent()).as(question + "\n" + answer.summary()).isEqualTo(intent);
        RunResult run = kernels.sessions.run(session, answer.code());
        assertThat(run.success()).as(question + "\n" + answer.code() + "\n" + run).isTrue();
        assertThat(run.stdout()).as(question).doesNotContain("Cannot answer");
        return run.stdout();
    }

    @Test
    void rowsAboveAThresholdAreCountedAndGapsAreNamed() {
        // units > 3: orders 3, 5, 7, 11, 12; order 6 has no units
        assertThat(ask(SHOP, "How many orders have more than 3 units?", OfflineIntent.FILTER_COUNT))
                .contains("Number of rows where units > 3: 5")
                .contains("Rows with a missing units (not counted as meeting the condition): 1");
    }

    @Test
    void aCategoryValueWithItsColumnAndAnotherConditionAreBothApplied() {
        // region North: orders 1, 3, 6, 9, 12; of those, Toys: 1 and 9
        assertThat(ask(SHOP, "number of rows where region is North and category is Toys", OfflineIntent.FILTER_COUNT))
                .contains("Number of rows where region is North and category is Toys: 2");
        assertThat(ask(SHOP, "how many orders are from the North region?", OfflineIntent.FILTER_COUNT))
                .contains("Number of rows where region is North: 5");
    }

    @Test
    void aYesNoColumnCountsTheYesRowsAsAShare() {
        // returned = yes: orders 3, 6, 9 of 12
        assertThat(ask(SHOP, "What percentage of orders were returned?", OfflineIntent.FILTER_COUNT))
                .contains("Percentage of rows where returned is yes: 25% (3 of 12 rows)");
    }

    @Test
    void aRangeIsInclusiveAndSaysSo() {
        // revenue in [20, 60]: 20, 20, 60, 30, 25, 28
        assertThat(ask(SHOP, "how many orders have revenue between 20 and 60", OfflineIntent.FILTER_COUNT))
                .contains("Number of rows where revenue between 20 and 60 (inclusive): 6");
    }

    @Test
    void aQuotedColumnAndABoolColumnWork() {
        assertThat(ask(STAFF, "how many rows where 'Is Manager' is True", OfflineIntent.FILTER_COUNT))
                .contains("Number of rows where Is Manager is True: 3");
        // Years Employed >= 5: 7, 10, 5; employee 103 has no value
        assertThat(ask(STAFF, "How many employees have at least 5 years employed?", OfflineIntent.FILTER_COUNT))
                .contains("Number of rows where Years Employed >= 5: 3");
    }

    @Test
    void aValueTheColumnDoesNotHaveIsReportedNotCountedAsZero() {
        OfflineAnswer answer = ANALYST.answer("how many rows where region is Atlantis", SHOP);
        String out = kernels.sessions.run(SHOP.varName(), answer.code()).stdout();
        assertThat(out).contains("Cannot answer: column 'region' has no value 'Atlantis'").doesNotContain("Number of rows");
    }

    @Test
    void theRowCountOfTheDataset() {
        assertThat(ask(SHOP, "how many rows are in the dataset?", OfflineIntent.FILTER_COUNT)).contains("Number of rows: 12");
    }

    @Test
    void theMostCommonValueWithItsCountAndShare() {
        // Toys 5, Books 4, Garden 3
        assertThat(ask(SHOP, "What is the most common category?", OfflineIntent.VALUE_COUNTS))
                .contains("Most common value of category: Toys (5 rows, 41.6667% of 12)")
                .contains("Least common value of category: Garden (3 rows)");
    }

    @Test
    void distinctValuesAreCounted() {
        assertThat(ask(SHOP, "How many distinct regions are there?", OfflineIntent.VALUE_COUNTS))
                .contains("Number of distinct values of region: 3");
    }

    @Test
    void aStatisticOfAColumnIsStatedPlainly() {
        // units without the gap: 2+1+5+3+4+6+2+3+1+8+7 = 42 over 11 values
        assertThat(ask(SHOP, "what is the average units?", OfflineIntent.SUMMARY_STATISTICS))
                .contains("Mean of units: 3.8182");
        assertThat(ask(SHOP, "what is the standard deviation of units", OfflineIntent.SUMMARY_STATISTICS))
                .contains("Standard deviation of units (sample, divided by n - 1): 2.4008");
        // sorted revenue 8 10 12 20 20 25 28 30 60 80 100: position 9 of 0..10 is 80
        assertThat(ask(SHOP, "what is the 90th percentile of revenue", OfflineIntent.SUMMARY_STATISTICS))
                .contains("of revenue: 80");
        // 1 2 3 4 5 7 10
        assertThat(ask(STAFF, "what is the median Years Employed", OfflineIntent.SUMMARY_STATISTICS))
                .contains("Median of Years Employed: 4");
    }

    @Test
    void aStatisticOfTheRowsMeetingAConditionSaysWhichRows() {
        // units > 3: revenue 20, 100, 60, 80, 28
        assertThat(ask(SHOP, "average revenue of orders with more than 3 units", OfflineIntent.SUMMARY_STATISTICS))
                .contains("Mean of revenue (rows where units > 3): 57.6");
        // Toys: 20, 10, 60, 30, 80
        assertThat(ask(SHOP, "average revenue of Toys orders", OfflineIntent.SUMMARY_STATISTICS))
                .contains("Mean of revenue (rows where category is Toys): 40");
    }

    @Test
    void groupAggregatesNameTheHighestAndLowestGroup() {
        // North 20 20 30 28 -> 24.5; South 10 100 8 80 -> 49.5; East 12 60 25 -> 32.3333
        assertThat(ask(SHOP, "average revenue by region", OfflineIntent.GROUP_AGGREGATE))
                .contains("Highest mean of revenue: region = South (49.5)")
                .contains("Lowest mean of revenue: region = North (24.5)");
        assertThat(ask(SHOP, "Which region has the highest total revenue?", OfflineIntent.GROUP_AGGREGATE))
                .contains("Highest sum of revenue: region = South (198)");
        // Sales 4000 5200 3900; IT 6100 8000 (one gap); HR 3500 4500
        assertThat(ask(STAFF, "average monthly income by department", OfflineIntent.GROUP_AGGREGATE))
                .contains("Highest mean of Monthly Income ($): Department = IT (7050)")
                .contains("Lowest mean of Monthly Income ($): Department = HR (4000)");
    }

    @Test
    void topRowsByAColumn() {
        assertThat(ask(SHOP, "top 3 orders by revenue", OfflineIntent.TOP_N))
                .contains("Top 3 values of revenue: [100.0, 80.0, 60.0]");
    }

    @Test
    void missingValuesByColumn() {
        // units, revenue (order 6) and rating (order 4)
        assertThat(ask(SHOP, "how many missing values does each column have?", OfflineIntent.MISSING_VALUES))
                .contains("Total missing values: 3")
                .contains("Rows with at least one missing value: 2 of 12");
        assertThat(ask(SHOP, "missing values in rating", OfflineIntent.MISSING_VALUES))
                .contains("Missing values in rating: 1 (8.3333% of 12 rows)");
    }

    @Test
    void outliersByTheIqrRule() {
        // Q1 = 16, Q3 = 45 (linear interpolation), IQR 29: fences -27.5 and 88.5; only 100 is outside
        assertThat(ask(SHOP, "how many outliers are there in revenue?", OfflineIntent.OUTLIERS))
                .contains("below Q1 - 1.5 x IQR = -27.5 or above Q3 + 1.5 x IQR = 88.5; Q1 = 16, Q3 = 45): 1 of 11 rows "
                        + "(0 below, 1 above)");
    }

    @Test
    void outliersByZScore() {
        // mean 35.7273, population sd 29.196: only 100 is more than 2 sd away (z = 2.20; 80 has z = 1.52)
        assertThat(ask(SHOP, "how many orders have a revenue more than 2 standard deviations from the mean?", OfflineIntent.OUTLIERS))
                .contains("Outliers in revenue (|z| > 2, z-scores from the mean and the population standard deviation, as "
                        + "scipy.stats.zscore): 1 of 11 rows");
    }

    @Test
    void correlationOfTwoColumns() {
        // sums over the 11 complete rows: r = Sxy / sqrt(Sxx Syy) = 0.56107
        assertThat(ask(SHOP, "what is the correlation between units and revenue?", OfflineIntent.CORRELATION_PAIR))
                .contains("Pearson correlation between units and revenue: 0.5611")
                .contains("Rows used: 11");
    }

    @Test
    void aTrendResampledByTheAskedPeriod() {
        // monthly revenue totals: Jan 30, Feb 32, Mar 100, Apr 68, May 55, Jun 108
        assertThat(ask(SHOP, "show the monthly trend of total revenue", OfflineIntent.TREND))
                .contains("First period: 30.0000, last period: 108.0000, change: +78.0000")
                .contains("Highest period: 2023-06-01 00:00:00 (108)");
    }

    @Test
    void twoGroupsGetTTestsAndCohensD() {
        // yes: 20, 30 (mean 25); no: 9 values, mean 343 / 9 = 38.1111; d = difference / pooled sample sd
        assertThat(ask(SHOP, "compare revenue between returned yes and no", OfflineIntent.COMPARE_GROUPS))
                .contains("Difference in mean revenue (yes - no): -13.1111")
                .contains("Cohen's d (pooled standard deviation): -0.412441")
                .contains("Welch t-test: t = -1.0683")
                .contains("not statistically significant");
    }

    @Test
    void moreGroupsGetAnovaAndEtaSquared() {
        // SS between / SS total over the 11 revenues in three regions
        assertThat(ask(SHOP, "is revenue significantly different across regions? use anova", OfflineIntent.COMPARE_GROUPS))
                .contains("One-way ANOVA: F = 0.6424")
                .contains("Eta squared (share of variance between groups): 0.138384");
    }

    @Test
    void aCrosstabWithAChiSquareTest() {
        // expected counts from the margins (9 no, 3 yes; East 3, North 5, South 4): chi2 = 5.6 on 2 df,
        // p = exp(-5.6 / 2) = 0.06081; V = sqrt(5.6 / 12)
        assertThat(ask(SHOP, "crosstab of region and returned", OfflineIntent.CROSSTAB))
                .contains("Chi-square test of independence: chi2 = 5.6, p = 0.06081, degrees of freedom = 2")
                .contains("Cramer's V (from the uncorrected chi2): 0.68313");
    }

    @Test
    void aRegressionPrintsTheLineAndTheSummary() {
        // slope = Sxy / Sxx = 7.15615, intercept = mean(y) - slope * mean(x) = 8.40379, R^2 = r^2 = 0.31480
        assertThat(ask(SHOP, "regress revenue on units", OfflineIntent.LINEAR_REGRESSION))
                .contains("Slope of units: 7.1562")
                .contains("Intercept: 8.4038")
                .contains("R-squared: 0.3148")
                .contains("OLS Regression Results");
    }

    @Test
    void aMultiVariableRegressionEncodesCategories() {
        String out = ask(SHOP, "predict revenue from units, unit_price and region", OfflineIntent.LINEAR_REGRESSION);
        assertThat(out).contains("Model: revenue ~ units + unit_price + region_North + region_South (ordinary least "
                + "squares, 11 rows)").contains("Adjusted R-squared: ");
    }

    @Test
    void aClassifierOfSeparableClassesIsAlwaysRight() {
        // 12 rows, 20% held out = 3 test rows; the classes are split by x with a wide margin
        assertThat(ask(POINTS, "classify label from x and y with logistic regression", OfflineIntent.CLASSIFICATION))
                .contains("Accuracy of logistic regression predicting label on the held-out test rows: 1 (3 of 3 right; "
                        + "test_size=0.2, random_state=42)");
        assertThat(ask(POINTS, "predict label using a random forest", OfflineIntent.CLASSIFICATION))
                .contains("Accuracy of random forest predicting label on the held-out test rows: 1 (3 of 3 right");
    }

    @Test
    void kMeansFindsTheThreeBlobs() {
        // each blob's points are 0.5 (squared) from its centre: inertia 3 x 4 x 0.5
        assertThat(ask(POINTS, "cluster the points into 3 clusters using x and y", OfflineIntent.CLUSTERING))
                .contains("Cluster sizes, largest first: [4, 4, 4]")
                .contains("Inertia (within-cluster sum of squared distances): 6");
    }

    @Test
    void aDatasetHeldInANameTheCodeUsesKeepsItsName() {
        ask(STAFF, "average monthly income by department", OfflineIntent.GROUP_AGGREGATE);
        ask(STAFF, "compare monthly income between Sales and IT", OfflineIntent.COMPARE_GROUPS);

        RunResult after = kernels.sessions.run(STAFF.varName(), "print(type(data).__name__, data.shape)");
        assertThat(after.stdout()).contains("DataFrame (8, 6)");
    }

    @Test
    void theCodeAlsoRunsOnNullableDtypes() {
        // what the kernel loader gave before plain numpy dtypes: Int64, Float64, boolean, string
        kernels.sessions.run(SHOP.varName(), "shop_nullable = shop.convert_dtypes()");
        DatasetSchema nullable = new DatasetSchema("shop_nullable", SHOP.columns());
        assertThat(ask("shop", nullable, "correlation between units and revenue", OfflineIntent.CORRELATION_PAIR))
                .contains("Pearson correlation between units and revenue: 0.5611");
        assertThat(ask("shop", nullable, "regress revenue on units", OfflineIntent.LINEAR_REGRESSION)).contains("Slope of units: 7.1562");
        assertThat(ask("shop", nullable, "How many orders have more than 3 units?", OfflineIntent.FILTER_COUNT))
                .contains("Number of rows where units > 3: 5");
        assertThat(ask("shop", nullable, "how many outliers are there in revenue?", OfflineIntent.OUTLIERS)).contains("1 of 11 rows");
        assertThat(ask("shop", nullable, "is revenue significantly different across regions? use anova", OfflineIntent.COMPARE_GROUPS))
                .contains("One-way ANOVA: F = 0.6424");
    }
}
