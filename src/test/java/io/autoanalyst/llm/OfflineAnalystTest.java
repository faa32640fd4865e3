package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfflineAnalystTest {

    private final OfflineAnalyst analyst = new OfflineAnalyst();
    private final DatasetSchema housing = HousingSchema.withVariable("df");

    private OfflineAnswer ask(String question) {
        return analyst.answer(question, housing);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Describe the dataset                                   | DESCRIBE_DATASET   |
            What columns does the data have?                       | DESCRIBE_DATASET   |
            Are there any missing values?                          | MISSING_VALUES     |
            how many NaNs per column                               | MISSING_VALUES     |
            summary statistics of price and area                   | SUMMARY_STATISTICS | price,area
            what is the avg price                                  | SUMMARY_STATISTICS | price
            show the distribution of price                         | DISTRIBUTION       | price
            histogram of Areas                                     | DISTRIBUTION       | area
            spread of furnishing status                            | DISTRIBUTION       | furnishingstatus
            correlation matrix                                     | CORRELATION_MATRIX |
            what is the relationship between price and area?       | CORRELATION_PAIR   | price,area
            how is price correlated with the other columns         | CORRELATION_MATRIX | price
            average price by furnishingstatus                      | GROUP_AGGREGATE    | furnishingstatus,price
            mean Price per Furnishing_Status                       | GROUP_AGGREGATE    | furnishingstatus,price
            total area for each prefarea                           | GROUP_AGGREGATE    | prefarea,area
            average price by number of bedrooms                    | GROUP_AGGREGATE    | bedrooms,price
            count of houses per furnishingstatus                   | GROUP_AGGREGATE    | furnishingstatus
            top 5 rows by price                                    | TOP_N              | price
            the ten cheapest houses by price                       | TOP_N              | price
            regress price on area                                  | LINEAR_REGRESSION  | price,area
            predict price from area and bedrooms                   | LINEAR_REGRESSION  | price,area,bedrooms
            what is the impact of area on price                    | LINEAR_REGRESSION  | price,area
            build a model of price                                 | LINEAR_REGRESSION  | price
            compare price between mainroad yes and no              | COMPARE_GROUPS     | mainroad,price
            is there a difference in price between furnished and unfurnished | COMPARE_GROUPS | furnishingstatus,price
            relationship between price and airconditioning         | COMPARE_GROUPS     | airconditioning,price
            write me a poem about houses                           | NOT_SUPPORTED      |
            """)
    void recognisesTheIntentAndTheColumns(String question, OfflineIntent intent, String columns) {
        OfflineAnswer answer = ask(question);

        assertThat(answer.intent()).isEqualTo(intent);
        List<String> expected = columns == null ? List.of() : List.of(columns.split(","));
        assertThat(answer.columns()).containsExactlyInAnyOrderElementsOf(expected);
        for (String column : expected) {
            assertThat(answer.code()).contains("'" + column + "'");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            how many houses have more than 3 bedrooms                  | FILTER_COUNT       | bedrooms > 3
            How many houses have at least 2 Bathrooms?                 | FILTER_COUNT       | bathrooms >= 2
            number of houses with bedrooms = 3 and stories <= 2        | FILTER_COUNT       | bedrooms == 3 and stories <= 2
            how many houses with 3 bedrooms and 2 bathrooms            | FILTER_COUNT       | bedrooms == 3 and bathrooms == 2
            how many houses have 4 or more bedrooms                    | FILTER_COUNT       | bedrooms >= 4
            count houses where price is between 3 and 5 million        | FILTER_COUNT       | price between 3000000 and 5000000 (inclusive)
            how many rows where furnishingstatus is furnished          | FILTER_COUNT       | furnishingstatus is furnished
            how many rows where furnishing_status = 'semi-furnished'   | FILTER_COUNT       | furnishingstatus is semi-furnished
            How many houses are unfurnished?                           | FILTER_COUNT       | furnishingstatus is unfurnished
            how many houses are not furnished                          | FILTER_COUNT       | furnishingstatus is not furnished
            what percentage of houses have air conditioning            | FILTER_COUNT       | airconditioning is yes
            how many houses don't have a basement                      | FILTER_COUNT       | basement is no
            how many houses have a guestroom and a basement            | FILTER_COUNT       | guestroom is yes and basement is yes
            how many houses are on the main road                       | FILTER_COUNT       | mainroad is yes
            how many rows have mainroad yes                            | FILTER_COUNT       | mainroad is yes
            how many rows are there                                    | FILTER_COUNT       |
            average price of houses with more than 3 bedrooms          | SUMMARY_STATISTICS | bedrooms > 3
            What is the mean price of houses that are furnished?       | SUMMARY_STATISTICS | furnishingstatus is furnished
            average area of houses with a basement                     | SUMMARY_STATISTICS | basement is yes
            median price for houses with parking of at least 2         | SUMMARY_STATISTICS | parking >= 2
            what is the 90th percentile of area                        | SUMMARY_STATISTICS |
            what is the standard deviation of price                    | SUMMARY_STATISTICS |
            which furnishingstatus has the highest average price       | GROUP_AGGREGATE    |
            average price by furnishingstatus for houses with a basement | GROUP_AGGREGATE  | basement is yes
            most common furnishingstatus                               | VALUE_COUNTS       |
            how many unique values does furnishing status have         | VALUE_COUNTS       |
            Which 3 houses have the largest area?                      | TOP_N              |
            crosstab of furnishingstatus and mainroad                  | CROSSTAB           |
            is mainroad independent of airconditioning                 | CROSSTAB           |
            outliers in price                                          | OUTLIERS           |
            how many outliers are in area using the IQR method         | OUTLIERS           |
            compare price across furnishingstatus using anova          | COMPARE_GROUPS     |
            regress price on area, bedrooms and furnishingstatus       | LINEAR_REGRESSION  |
            predict price from all other columns                       | LINEAR_REGRESSION  |
            predict whether airconditioning is yes from price and area | CLASSIFICATION     |
            classify prefarea using a random forest on area and price  | CLASSIFICATION     |
            cluster the houses into 4 clusters using area and price    | CLUSTERING         |
            """)
    void readsTheIntentAndTheConditions(String question, OfflineIntent intent, String condition) {
        OfflineAnswer answer = ask(question);

        assertThat(answer.intent()).as(answer.summary()).isEqualTo(intent);
        if (condition == null) {
            assertThat(answer.code()).doesNotContain("condition = ");
        } else {
            assertThat(answer.code()).contains("condition = " + PythonSource.str(condition) + "\n");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            how many houses in Springfield have more than 3 bedrooms   | springfield
            how many houses cost more than 5 million                   | which column
            how many houses have more bedrooms than bathrooms          | more
            number of houses with price > 5000000 or area < 3000       | "or"
            how many bedrooms does the most expensive house have       | is a column
            what is the average price of houses built in 2019          | 2019
            how many houses have a pool                                | pool
            how many houses were listed in total                       | which rows to count
            how many houses were sold                                  | sold
            how many houses have a price above 20%                     | percentage
            how many houses have more than 3 widgets                   | which column
            what is the average "lot size"                             | lot size
            Create a new column with the price per bedroom then average it | step
            average price for each neighbourhood                       | neighbourhood
            what is the average price of the top 10 houses by area     | top or bottom rows
            which houses have the highest price per area               | ratio
            """)
    void refusesWhatNoRuleReads(String question, String reason) {
        OfflineAnswer answer = ask(question);

        assertThat(answer.intent()).isEqualTo(OfflineIntent.NOT_SUPPORTED);
        assertThat(answer.summary()).containsIgnoringCase(reason).contains("OPENAI_API_KEY");
    }

    @Test
    void columnsAreMatchedWhateverTheirSpellingAndAmbiguityIsRefused() {
        DatasetSchema staff = new DatasetSchema("staff", List.of(
                new DatasetSchema.Column("Monthly Income ($)", "float64", DatasetSchema.ColumnKind.NUMERIC, List.of()),
                new DatasetSchema.Column("YearsEmployed", "int64", DatasetSchema.ColumnKind.NUMERIC, List.of()),
                new DatasetSchema.Column("Dept", "object", DatasetSchema.ColumnKind.CATEGORICAL, List.of("Sales", "IT"))));
        DatasetSchema twins = new DatasetSchema("df", List.of(
                new DatasetSchema.Column("SalePrice", "float64", DatasetSchema.ColumnKind.NUMERIC, List.of()),
                new DatasetSchema.Column("sale_price", "float64", DatasetSchema.ColumnKind.NUMERIC, List.of())));

        assertThat(analyst.answer("average monthly income by dept", staff).columns()).containsExactly("Dept", "Monthly Income ($)");
        assertThat(analyst.answer("how many have years employed above 5", staff).code()).contains("'YearsEmployed'");
        assertThat(analyst.answer("median \"YearsEmployed\" of the Sales dept", staff).code())
                .contains("condition = 'Dept is Sales'");
        assertThat(analyst.answer("average sale price", twins).summary()).contains("could name more than one column");
        assertThat(analyst.answer("average \"SalePrice\"", twins).columns()).containsExactly("SalePrice");
    }

    @Test
    void everyAnswerSaysItCameFromTheOfflineAnalyst() {
        for (String q : List.of("describe the dataset", "regress price on area", "write me a poem")) {
            assertThat(ask(q).summary()).contains("Offline analyst");
            assertThat(ask(q).code()).contains("Offline analyst");
        }
    }

    @Test
    void anUnsupportedQuestionExplainsHowToConfigureAModel() {
        OfflineAnswer answer = ask("translate the column names to French");

        assertThat(answer.intent()).isEqualTo(OfflineIntent.NOT_SUPPORTED);
        assertThat(answer.summary()).contains("OPENAI_API_KEY").contains("OPENAI_BASE_URL").contains("cannot")
                .doesNotContain("null");
    }

    @Test
    void aTrendWithoutADateColumnIsDeclinedHonestly() {
        OfflineAnswer answer = ask("show the price trend over time");

        assertThat(answer.intent()).isEqualTo(OfflineIntent.NOT_SUPPORTED);
        assertThat(answer.summary()).contains("date");
    }

    @Test
    void aTrendUsesTheDatasetsDateColumn() {
        DatasetSchema sales = new DatasetSchema("sales", List.of(
                new DatasetSchema.Column("order_date", "datetime64[ns]", DatasetSchema.ColumnKind.DATETIME, List.of()),
                new DatasetSchema.Column("revenue", "float64", DatasetSchema.ColumnKind.NUMERIC, List.of())));

        OfflineAnswer answer = analyst.answer("how has revenue evolved over time?", sales);

        assertThat(answer.intent()).isEqualTo(OfflineIntent.TREND);
        assertThat(answer.columns()).containsExactly("order_date", "revenue");
        assertThat(answer.code()).contains("pd.to_datetime(data[date_col]").contains("sales.copy()");
    }

    @Test
    void theCodeUsesTheExactVariableNameAndPrints() {
        OfflineAnswer answer = analyst.answer("average price by furnishingstatus", HousingSchema.withVariable("Housing_Dataset"));

        assertThat(answer.code()).contains("Housing_Dataset.groupby(group_col)[value_col]").contains("print(");
        assertThat(answer.code()).doesNotContain("df.").doesNotContain("df[");
    }

    @Test
    void aDatasetVariableNamedLikeAHelperIsNotOverwritten() {
        OfflineAnswer answer = analyst.answer("compare price between mainroad yes and no", HousingSchema.withVariable("data"));

        assertThat(answer.code()).contains("_dataset = data\n").contains("data = _dataset[[group_col, value_col]]");
    }

    @Test
    void hostileColumnNamesStayStringLiterals() {
        DatasetSchema hostile = new DatasetSchema("df", List.of(
                new DatasetSchema.Column("price'); import os; os.system('x", "int64", DatasetSchema.ColumnKind.NUMERIC,
                        List.of()),
                new DatasetSchema.Column("DF", "int64", DatasetSchema.ColumnKind.NUMERIC, List.of())));

        OfflineAnswer answer = analyst.answer("distribution of price'); import os; os.system('x", hostile);

        assertThat(answer.code()).contains("col = 'price\\'); import os; os.system(\\'x'");
        OfflineAnswer second = analyst.answer("histogram of DF", hostile);
        assertThat(second.code()).contains("col = 'DF'");
    }
}
