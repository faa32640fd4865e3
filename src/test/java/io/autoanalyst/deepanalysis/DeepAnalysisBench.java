package io.autoanalyst.deepanalysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Benchmark (not a test: runs only with {@code -Dbench.deep=true}, see bench/run-deep-analysis-bench.sh). Every
 * call to the fake OpenAI server takes the same fixed latency L. The plan has 4 agent steps for 5 questions, so
 * a run makes 1 (questions) + 1 (plan) + 4 (agents) + 5 (sections) + 1 (conclusion) = 12 calls; its critical path
 * is 5 L + the kernel's run, and the same steps one after another take 12 L + the kernel's run.
 */
@EnabledIfSystemProperty(named = "bench.deep", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.test.database=sqlite",
        "autoanalyst.llm.openai.api-key=sk-test-key",
        "autoanalyst.llm.default-model=gpt-5-mini",
        "autoanalyst.llm.timeout=60s",
        "autoanalyst.llm.retry.max-attempts=1",
})
class DeepAnalysisBench extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int LATENCY_MS = Integer.getInteger("bench.latency-ms", 1000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);

    static {
        ScriptedDeepAnalysisTest.FAKE.isRunning();
    }

    @DynamicPropertySource
    static void fakeOpenAi(DynamicPropertyRegistry registry) {
        registry.add("autoanalyst.llm.openai.base-url", () -> ScriptedDeepAnalysisTest.FAKE.baseUrl() + "/v1");
    }

    @AfterAll
    static void stop() {
        ScriptedDeepAnalysisTest.FAKE.stop();
    }

    @Test
    void wallTimeAgainstTheCriticalPath() throws Exception {
        ScriptedDeepAnalysisTest.FAKE.resetAll();
        ScriptedDeepAnalysisTest.FAKE.answer("You turn a user's analytical goal", Map.of("deep_questions", List.of(
                "How is price distributed?", "How is area distributed?", "Average price by furnishingstatus?",
                "Does area relate to price?", "How many bedrooms do houses have?")), LATENCY_MS);
        ScriptedDeepAnalysisTest.FAKE.answer("You assign research questions", Map.of("plan_instructions", JSON.writeValueAsString(List.of(
                Map.of("agent", "planner_data_viz_agent", "questions", List.of(1, 2), "instruction", "histograms"),
                Map.of("agent", "planner_preprocessing_agent", "questions", List.of(3), "instruction", "group means"),
                Map.of("agent", "planner_statistical_analytics_agent", "questions", List.of(4), "instruction", "correlation"),
                Map.of("agent", "planner_sk_learn_agent", "questions", List.of(5), "instruction", "bedrooms")))), LATENCY_MS);
        String code = "import plotly.express as px\nfig = px.histogram(df, x='price')\nfig.show()";
        for (String agent : List.of("You draw charts with Plotly", "You prepare data", "You answer statistical questions", "You build machine-learning")) {
            ScriptedDeepAnalysisTest.FAKE.answer(agent, Map.of("code", code, "summary", "done"), LATENCY_MS);
        }
        ScriptedDeepAnalysisTest.FAKE.answer("You write the analysis section", Map.of("synthesized_report", "section"), LATENCY_MS);
        ScriptedDeepAnalysisTest.FAKE.answer("You conclude a data analysis", Map.of("final_conclusion", "**Conclusion** done"), LATENCY_MS);

        List<String> rows = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Api session = api.session(newSessionId());
            session.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini"));
            // warm the session's kernel and dataset so the first run does not measure a kernel start
            session.post("/code/execute", Map.of("code", "print(len(df))"));
            HttpRequest request = session.builder("/deep_analysis_streaming").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"goal\":\"What drives prices?\"}")).build();
            long start = System.nanoTime();
            long kernelMs = 0;
            JsonNode last = null;
            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        last = JSON.readTree(line);
                        String key = last.path("step").asString() + "/" + last.path("status").asString();
                        if (key.equals("code_execution/completed")) kernelMs = last.path("elapsed_ms").asLong();
                    }
                }
            }
            long wallMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(last.path("step").asString()).as(String.valueOf(last)).isEqualTo("completed");
            long critical = 5L * LATENCY_MS + kernelMs;
            long sequential = 12L * LATENCY_MS + kernelMs;
            rows.add("| %d | %d | %d | %d | %d | %d | %.2f | %.2f |".formatted(run + 1, LATENCY_MS, kernelMs, wallMs, critical, sequential,
                    (double) wallMs / critical, (double) wallMs / sequential));
        }
        System.out.println("DEEP-ANALYSIS-BENCH | run | latency ms | kernel ms | wall ms | critical path ms | sequential ms | wall/critical | wall/sequential |");
        rows.forEach(r -> System.out.println("DEEP-ANALYSIS-BENCH " + r));
    }
}
