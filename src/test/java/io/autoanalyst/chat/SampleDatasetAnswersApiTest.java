package io.autoanalyst.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The statistics, modelling and chart answers that once failed in every new session (integer columns
 * loaded as nullable {@code Int64}): asked through {@code /chat} and run as model-written code through
 * {@code /code/execute}, in a fresh session's real kernel on the sample dataset.
 */
@SqliteApi
class SampleDatasetAnswersApiTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theCorrelationQuestionIsAnsweredWithTheTrueCoefficient() {
        JsonNode execution = execution(ask("Is there a correlation between area and price?"));
        assertThat(execution.path("status").asString()).isEqualTo("success");
        // df['area'].corr(df['price']) of the shipped file
        assertThat(execution.path("content").asString()).contains("0.3953").doesNotContain("Traceback", "AttributeError");
    }

    @Test
    void theRegressionQuestionRunsAModel() {
        JsonNode execution = execution(ask("Build a regression model to predict price"));
        assertThat(execution.path("status").asString()).isEqualTo("success");
        assertThat(execution.path("content").asString()).containsIgnoringCase("R-squared").doesNotContain("Traceback");
    }

    @Test
    void codeAsModelsWriteItRunsOnTheLoadedSample() {
        String code = """
                import numpy as np
                import statsmodels.api as sm
                import statsmodels.formula.api as smf
                import plotly.express as px
                from scipy import stats
                from sklearn.linear_model import LinearRegression
                print('dtypes', df['price'].dtype, df['area'].dtype, df['mainroad'].dtype)
                print('corr', round(df['area'].corr(df['price']), 4))
                print('corrwith', round(df.select_dtypes('number').corrwith(df['price'])['area'], 4))
                print('mean', round(float(np.mean(df['price'])), 2))
                print('pearson', round(stats.pearsonr(df['area'], df['price'])[0], 4))
                ols = sm.OLS(df['price'], sm.add_constant(df[['area', 'bedrooms', 'bathrooms']])).fit()
                print('ols r2', round(ols.rsquared, 4))
                print('formula r2', round(smf.ols('price ~ area + C(furnishingstatus)', data=df).fit().rsquared, 4))
                print('sklearn r2', round(LinearRegression().fit(df[['area']], df['price']).score(df[['area']], df['price']), 4))
                fig = px.scatter(df, x='area', y='price', trendline='ols')
                fig.show()
                px.imshow(df.select_dtypes('number').corr()).show()
                """;
        JsonNode result = api.session(newSessionId()).post("/code/execute", Map.of("code", code)).json();
        String output = result.path("output").asString();
        assertThat(result.path("is_successful").asBoolean()).as(output).isTrue();
        assertThat(output).contains("dtypes int64 int64 object", "corr 0.3953", "corrwith 0.3953", "mean 5309633.03",
                "pearson 0.3953", "ols r2", "formula r2", "sklearn r2");
        assertThat(result.path("plotly_outputs")).hasSize(2);
        // the trendline is a second trace of the figure
        assertThat(result.path("plotly_outputs").get(0).asString()).contains("OLS trendline");
    }

    private List<JsonNode> ask(String question) {
        Api.Response response = api.session(newSessionId()).post("/chat", Map.of("query", question));
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> lines = response.body().lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
        assertThat(lines.getLast().path("status").asString()).as(response.body()).isEqualTo("complete");
        return lines;
    }

    private static JsonNode execution(List<JsonNode> lines) {
        return lines.stream().filter(l -> l.path("agent").asString().equals("code_execution")).findFirst()
                .orElseThrow(() -> new AssertionError("no code_execution line in " + lines));
    }
}
