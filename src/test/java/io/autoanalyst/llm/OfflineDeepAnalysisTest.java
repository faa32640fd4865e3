package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The offline analyst's deep-analysis questions come from the dataset's real columns and are ones it can answer. */
class OfflineDeepAnalysisTest {

    private final OfflineDeepAnalysis deep = new OfflineDeepAnalysis(new OfflineAnalyst(), JsonMapper.shared());
    private final DatasetSchemaJson schemas = new DatasetSchemaJson(JsonMapper.shared());

    @Test
    void questionsNameTheDatasetsColumnsAndAreAtMostFive() {
        DatasetSchema schema = new DatasetSchema("sales", List.of(
                new DatasetSchema.Column("revenue", "float64", DatasetSchema.ColumnKind.NUMERIC, List.of("1.5")),
                new DatasetSchema.Column("units", "int64", DatasetSchema.ColumnKind.NUMERIC, List.of("3")),
                new DatasetSchema.Column("region", "object", DatasetSchema.ColumnKind.CATEGORICAL, List.of("north")),
                new DatasetSchema.Column("day", "datetime64[ns]", DatasetSchema.ColumnKind.DATETIME, List.of("2024-01-01"))));
        List<String> questions = deep.questions(schemas.write(schema));
        assertThat(questions).hasSize(5).containsExactly("What is the distribution of revenue?", "Show the correlation matrix",
                "What is the average revenue by region?", "What is the trend of revenue over time?", "What is the distribution of region?");
        for (String question : questions) {
            assertThat(new OfflineAnalyst().answer(question, schema).intent()).as(question).isNotEqualTo(OfflineIntent.NOT_SUPPORTED);
        }
    }

    @Test
    void aDatasetWithoutNumbersStillGetsQuestions() {
        DatasetSchema schema = new DatasetSchema("df", List.of(
                new DatasetSchema.Column("city", "object", DatasetSchema.ColumnKind.CATEGORICAL, List.of("Oslo"))));
        assertThat(deep.questions(schemas.write(schema))).containsExactly("What is the distribution of city?", "Are there missing values?");
    }
}
