package io.autoanalyst.deepanalysis;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.FakeOpenAi;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deep analysis against a scripted fake OpenAI server (WireMock on loopback): a plan that needs repair, an agent
 * that fails, tokens and cost summed into the report, and the time limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.test.database=sqlite",
        "autoanalyst.llm.openai.api-key=sk-test-key",
        "autoanalyst.llm.default-model=gpt-5-mini",
        "autoanalyst.llm.timeout=60s",
        "autoanalyst.llm.retry.max-attempts=1",
        "autoanalyst.llm.format-retries=0",
        "autoanalyst.deep-analysis.time-limit=25s",
})
class ScriptedDeepAnalysisTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final FakeOpenAi FAKE = FakeOpenAi.started();

    @DynamicPropertySource
    static void fakeOpenAi(DynamicPropertyRegistry registry) {
        registry.add("autoanalyst.llm.openai.base-url", FAKE::openAiBaseUrl);
    }

    @AfterAll
    static void stop() {
        FAKE.stop();
    }

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void reset() {
        FAKE.resetAll();
    }

    static final String VIZ_CODE = "import plotly.express as px\nfig = px.histogram(df, x='price')\nfig.show()\nprint('rows', len(df))";

    /** Questions, synthesis and conclusion answers; the plan and the agents are up to each test. */
    static void scriptTheRest(int delayMs) {
        FAKE.answer("You turn a user's analytical goal", Map.of("deep_questions", List.of("How is price distributed?", "Does area relate to price?")), delayMs);
        FAKE.answer("You draw charts with Plotly", Map.of("code", VIZ_CODE, "summary", "A histogram of price"), delayMs);
        FAKE.answer("You write the analysis section", Map.of("synthesized_report", "Price is right-skewed."), delayMs);
        FAKE.answer("You conclude a data analysis", Map.of("final_conclusion", "**Conclusion**\nPrices vary.\n\n**Key Takeaways**\n- skewed"), delayMs);
    }

    private List<JsonNode> run(Api session) {
        assertThat(session.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini")).status()).isEqualTo(200);
        return DeepAnalysisApiTests.lines(session.post("/deep_analysis_streaming", Map.of("goal", "What drives prices?")));
    }

    @Test
    void aPlanThatDoesNotParseIsRepairedAndAFailingAgentDegradesTheReportWithANote() {
        scriptTheRest(0);
        FAKE.answer("You assign research questions", Map.of("plan_instructions", "[{\"agent\": \"imaginary_agent\", \"questions\": [1]}]"), 0);
        FAKE.answer("A plan for data-analysis agents could not be read", Map.of("fixed_plan", JSON.writeValueAsString(List.of(
                Map.of("agent", "planner_data_viz_agent", "questions", List.of(1), "instruction", "histogram of price"),
                Map.of("agent", "planner_statistical_analytics_agent", "questions", List.of(2), "instruction", "correlation")))), 0);
        FAKE.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("You answer statistical questions"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"boom\"}}")));

        String session = newSessionId();
        List<JsonNode> lines = run(api.session(session));
        JsonNode last = lines.getLast();
        assertThat(last.path("step").asString()).as(last.toString()).isEqualTo("completed");
        JsonNode analysis = last.path("analysis");
        assertThat(analysis.path("deep_plan").asString()).contains("planner_data_viz_agent", "planner_statistical_analytics_agent");
        assertThat(analysis.path("notes").toString()).contains("planner_statistical_analytics_agent agent failed");
        assertThat(analysis.path("plotly_figs").get(0).size()).isEqualTo(1);

        String uuid = lines.getFirst().path("report_uuid").asString();
        JsonNode report = api.session(session).get("/deep_analysis/reports/uuid/" + uuid).json();
        assertThat(report.path("status").asString()).isEqualTo("completed");
        // questions, plan, plan fix, one agent, two sections, conclusion: 7 answered calls of 160 tokens
        assertThat(report.path("total_tokens_used").asLong()).isEqualTo(7 * 160);
        BigDecimal recorded = jdbc.sql("SELECT COALESCE(SUM(cost), 0) FROM model_usage WHERE session_id = ?").param(session)
                .query(BigDecimal.class).single();
        assertThat(report.path("estimated_cost").decimalValue()).isCloseTo(recorded, org.assertj.core.api.Assertions.within(new BigDecimal("1e-12")));
        assertThat(recorded).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM model_usage WHERE session_id = ? AND agent_name = 'deep_plan_fixer'").param(session)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(report.path("html_report").asString()).contains("agent failed");
    }

    @Test
    void aPlanThatNeverParsesFallsBackToSharingTheQuestionsAndSaysSo() {
        scriptTheRest(0);
        FAKE.answer("You assign research questions", Map.of("plan_instructions", "not json at all"), 0);
        FAKE.answer("A plan for data-analysis agents could not be read", Map.of("fixed_plan", "still not json"), 0);
        FAKE.answer("You answer statistical questions", Map.of("code", "print(df['price'].mean())", "summary", "mean"), 0);
        FAKE.answer("You prepare data", Map.of("code", "print(df.shape)", "summary", "shape"), 0);
        FAKE.answer("You build machine-learning", Map.of("code", "print(1)", "summary", "ml"), 0);

        List<JsonNode> lines = run(api.session(newSessionId()));
        JsonNode last = lines.getLast();
        assertThat(last.path("step").asString()).as(last.toString()).isEqualTo("completed");
        assertThat(last.path("analysis").path("notes").toString()).contains("The plan could not be read");
    }

    @Test
    void aRunOverItsTimeLimitStopsAndSaysAtWhichStep() {
        scriptTheRest(0);
        FAKE.answer("You assign research questions", Map.of("plan_instructions", JSON.writeValueAsString(List.of(
                Map.of("agent", "planner_data_viz_agent", "questions", List.of(1, 2), "instruction", "charts")))), 0);
        // the sections take longer than the whole run may
        FAKE.answer("You write the analysis section", Map.of("synthesized_report", "late"), 60_000);

        String session = newSessionId();
        List<JsonNode> lines = run(api.session(session));
        JsonNode last = lines.getLast();
        assertThat(last.path("step").asString()).isEqualTo("error");
        assertThat(last.path("message").asString()).contains("Stopped at step synthesis", "time limit");
        JsonNode report = api.session(session).get("/deep_analysis/reports/uuid/" + lines.getFirst().path("report_uuid").asString()).json();
        assertThat(report.path("status").asString()).isEqualTo("failed");
        assertThat(report.path("error_message").asString()).contains("synthesis");
        assertThat(report.path("steps_completed").toString()).contains("code_execution").doesNotContain("conclusion");
        assertThat(report.path("html_report").asString()).contains("Stopped at step synthesis");
    }

    @Test
    void aCancelledRunStopsAtItsCurrentStepAndIsStoredCancelled() throws Exception {
        scriptTheRest(0);
        FAKE.answer("You assign research questions", Map.of("plan_instructions", JSON.writeValueAsString(List.of(
                Map.of("agent", "planner_data_viz_agent", "questions", List.of(1, 2), "instruction", "charts")))), 0);
        FAKE.answer("You write the analysis section", Map.of("synthesized_report", "late"), 15_000);

        Api client = api.session(newSessionId());
        assertThat(client.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini")).status()).isEqualTo(200);
        var stream = io.autoanalyst.support.Background.supply(() -> client.post("/deep_analysis_streaming", Map.of("goal", "What drives prices?")));
        // wait, through the stored row, until the run is in its (slow) synthesis step
        JsonNode running = null;
        for (int i = 0; i < 600 && (running == null || running.path("progress_percentage").asInt() < 85); i++) {
            Thread.sleep(100);
            JsonNode list = client.get("/deep_analysis/reports?status=running").json();
            running = list.isEmpty() ? null : list.get(0);
        }
        assertThat(running).isNotNull();
        String uuid = running.path("report_uuid").asString();
        assertThat(client.post("/deep_analysis/reports/uuid/" + uuid + "/cancel", null).status()).isEqualTo(200);

        List<JsonNode> lines = DeepAnalysisApiTests.lines(stream.get());
        assertThat(lines.getLast().path("step").asString()).isEqualTo("cancelled");
        JsonNode report = client.get("/deep_analysis/reports/uuid/" + uuid).json();
        assertThat(report.path("status").asString()).isEqualTo("cancelled");
        assertThat(report.path("error_message").asString()).isEqualTo("Cancelled by the user at step synthesis");
        assertThat(report.path("end_time").isNull()).isFalse();
    }

    @Test
    void aClientThatDisconnectsMidRunLeavesARunThatFinishesAndIsStored() throws Exception {
        scriptTheRest(0);
        FAKE.answer("You assign research questions", Map.of("plan_instructions", JSON.writeValueAsString(List.of(
                Map.of("agent", "planner_data_viz_agent", "questions", List.of(1, 2), "instruction", "charts")))), 0);
        FAKE.answer("You write the analysis section", Map.of("synthesized_report", "section"), 4_000);

        Api client = api.session(newSessionId());
        assertThat(client.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini")).status()).isEqualTo(200);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var pending = http.sendAsync(client.builder("/deep_analysis_streaming").header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"goal\":\"What drives prices?\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        JsonNode running = null;
        for (int i = 0; i < 600 && (running == null || running.path("progress_percentage").asInt() < 85); i++) {
            Thread.sleep(100);
            JsonNode list = client.get("/deep_analysis/reports?status=running").json();
            running = list.isEmpty() ? null : list.get(0);
        }
        assertThat(running).isNotNull();
        // the client goes away in the middle of the synthesis step
        pending.cancel(true);
        http.shutdownNow();

        String uuid = running.path("report_uuid").asString();
        String status = "running";
        for (int i = 0; i < 600 && status.equals("running"); i++) {
            Thread.sleep(100);
            status = client.get("/deep_analysis/reports/uuid/" + uuid).json().path("status").asString();
        }
        assertThat(status).isEqualTo("completed");
        assertThat(client.get("/deep_analysis/reports/uuid/" + uuid).json().path("synthesis").toString()).contains("section");
    }
}
