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
