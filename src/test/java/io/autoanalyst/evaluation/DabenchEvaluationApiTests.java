package io.autoanalyst.evaluation;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.autoanalyst.support.FakeOpenAi.completion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.FakeOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * DABench runs through the real chat path, end to end: a made-up five-question benchmark in DABench's format,
 * a scripted fake OpenAI server (WireMock on loopback) whose agents print answers known to be right or wrong,
 * the code run in a real kernel on the uploaded CSV, and the scores checked against what they must be.
 */
abstract class DabenchEvaluationApiTests extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** One fake server for the test JVM: test classes run one after another and reset it before each test. */
    private static final FakeOpenAi FAKE = FakeOpenAi.started();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(FAKE::stop));
    }

    @DynamicPropertySource
    static void fakeOpenAi(DynamicPropertyRegistry registry) {
        registry.add("autoanalyst.llm.openai.api-key", () -> "sk-test-key");
        registry.add("autoanalyst.llm.openai.base-url", FAKE::openAiBaseUrl);
        registry.add("autoanalyst.llm.timeout", () -> "10s");
        registry.add("autoanalyst.llm.retry.max-attempts", () -> "1");
        registry.add("autoanalyst.llm.format-retries", () -> "0");
    }

    static final String CSV = """
            x,y,group
            1,2.5,a
            2,3.5,b
            3,4.0,a
            4,8.0,b
            """;

    @TempDir
    Path dir;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EvaluationRepository runs;

    private Api admin;

    @BeforeEach
    void fakeModel() {
        admin = api.with("X-Admin-API-Key", ADMIN_KEY);
        FAKE.resetAll();
        FAKE.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("You plan how a team"))
                .willReturn(completion(Map.of("complexity", "basic", "plan", "statistical_analytics_agent",
                        "plan_instructions", JSON.writeValueAsString(Map.of("statistical_analytics_agent",
                                Map.of("create", List.of(), "use", List.of("df"), "instruction", "answer the question")))))));
        // right: the code computes it on the uploaded CSV and prints it in the format
        agent("zebra101", "print(f\"@mean_x[{df['x'].mean():.2f}]\")", "- the mean of x");
        // right: the code prints a bare value; the summary gives the answer in the format
        agent("zebra102", "print(df['y'].max())", "The maximum of y is @max_y[8.0].");
        // right: two sub-answers, both printed
        agent("zebra103", "print(f\"@rows[{len(df)}]\")\nprint(f\"@groups[{df['group'].nunique()}]\")", "- rows and groups");
        // partial: one sub-answer of two is off by one
        agent("zebra104", "print(f\"@min_y[{df['y'].min()}]\")\nprint(f\"@sum_x[{df['x'].sum() + 1}]\")", "- min and sum");
        // wrong: the code prints the mean as the median; the summary's right guess does not count over the output
        agent("zebra105", "print(f\"@median_y[{df['y'].mean():.2f}]\")", "The median is @median_y[3.75].");
    }

    private Path fiveQuestions() {
        return new MiniBenchmark(dir).table("mini.csv", CSV)
                .question(101, "easy", List.of("Summary Statistics"), "mini.csv", "zebra101 What is the mean of x?", "@mean_x[v]",
                        "mean_x", "2.50")
                .question(102, "easy", List.of("Summary Statistics"), "mini.csv", "zebra102 What is the largest y?", "@max_y[v]",
                        "max_y", "8.0")
                .question(103, "medium", List.of("Comprehensive Data Preprocessing"), "mini.csv", "zebra103 How many rows and groups?",
                        "@rows[n] @groups[n]", "rows", "4", "groups", "2")
                .question(104, "medium", List.of("Summary Statistics", "Feature Engineering"), "mini.csv",
                        "zebra104 Smallest y and sum of x?", "@min_y[v] @sum_x[v]", "min_y", "2.5", "sum_x", "10")
                .question(105, "hard", List.of("Distribution Analysis"), "mini.csv", "zebra105 What is the median of y?",
                        "@median_y[v]", "median_y", "3.75")
                .write();
    }

    @Test
    void fiveQuestionsThroughTheChatPathScoreThreeRightOnePartialOneWrong() throws Exception {
        Path data = fiveQuestions();

        List<JsonNode> lines = stream(Map.of("model", "gpt-5-mini", "concurrency", 2, "data_dir", data.toString(), "fresh", true));

        assertThat(lines.getFirst().path("event").asString()).isEqualTo("started");
        long runId = lines.getFirst().path("run_id").asLong();
        List<JsonNode> questions = lines.stream().filter(l -> l.path("event").asString().equals("question")).toList();
        assertThat(questions).hasSize(5);
        assertThat(questions).extracting(q -> q.path("done").asInt()).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        JsonNode finished = lines.getLast();
        assertThat(finished.path("event").asString()).isEqualTo("finished");
        assertThat(finished.path("accuracy").path("correct_questions").asInt()).isEqualTo(3);
        assertThat(finished.path("accuracy").path("by_question").asDouble()).isCloseTo(0.6, within(1e-9));
        // per question 1, 1, 1, 1/2, 0
        assertThat(finished.path("accuracy").path("proportional").asDouble()).isCloseTo(0.7, within(1e-9));
        assertThat(finished.path("accuracy").path("correct_sub_questions").asInt()).isEqualTo(5);
        assertThat(finished.path("accuracy").path("sub_questions").asInt()).isEqualTo(7);

        JsonNode report = admin.get("/api/evaluations/" + runId).json();
        assertThat(report.path("status").asString()).isEqualTo("finished");
        Map<Integer, String> verdicts = new java.util.TreeMap<>();
        report.path("results").forEach(r -> verdicts.put(r.path("question_id").asInt(), r.path("verdict").asString()));
        assertThat(verdicts).containsExactly(Map.entry(101, "correct"), Map.entry(102, "correct"), Map.entry(103, "correct"),
                Map.entry(104, "partial"), Map.entry(105, "wrong"));
        JsonNode first = report.path("results").get(0);
        assertThat(first.path("question_id").asInt()).isEqualTo(101);
        assertThat(first.path("code").asString()).contains("df['x'].mean()");
        assertThat(first.path("output").asString()).contains("@mean_x[2.50]");
        assertThat(first.path("extracted").get(0).path("value").asString()).isEqualTo("2.50");
        JsonNode wrong = report.path("results").get(4);
        assertThat(wrong.path("sub_answers").get(0).path("given").asString()).isEqualTo("4.50");
        assertThat(report.path("scores").path("by_level").path("easy").path("by_question").asDouble()).isEqualTo(1.0);
        assertThat(report.path("scores").path("by_level").path("medium").path("by_question").asDouble()).isEqualTo(0.5);
        assertThat(report.path("scores").path("by_level").path("hard").path("by_question").asDouble()).isEqualTo(0.0);
        assertThat(report.path("scores").path("by_concept").path("Summary Statistics").path("questions").asInt()).isEqualTo(3);

        // tokens and cost are the sums of the model_usage rows of the run's sessions (planner + agent per question)
        List<String> sessions = java.util.stream.StreamSupport.stream(report.path("results").spliterator(), false)
                .map(r -> r.path("session_id").asString()).toList();
        long promptTokens = 0;
        double cost = 0;
        for (String s : sessions) {
            promptTokens += jdbc.sql("SELECT COALESCE(SUM(prompt_tokens), 0) FROM model_usage WHERE session_id = ?").param(s)
                    .query(Long.class).single();
            cost += jdbc.sql("SELECT COALESCE(SUM(cost), 0) FROM model_usage WHERE session_id = ?").param(s).query(Double.class).single();
        }
        assertThat(promptTokens).isEqualTo(5 * 2 * 120);
        assertThat(report.path("prompt_tokens").asLong()).isEqualTo(promptTokens);
        assertThat(report.path("completion_tokens").asLong()).isEqualTo(5 * 2 * 40);
        assertThat(report.path("cost").asDouble()).isPositive().isCloseTo(cost, within(1e-9));
        // the questions' sessions are gone once scored
        assertThat(jdbc.sql("SELECT count(*) FROM analysis_sessions WHERE session_id LIKE ?").param("eval-" + runId + "-%")
                .query(Long.class).single()).isZero();

        Path reportDir = Path.of(report.path("run").path("report_dir").asString());
        assertThat(Files.readString(reportDir.resolve("report.md"))).contains("| accuracy by question | 60.0% (3/5) |");
        assertThat(JSON.readTree(Files.readString(reportDir.resolve("report.json"))).path("results")).hasSize(5);
        assertThat(admin.get("/api/evaluations/" + runId + "/report.md").body()).contains("### Question 104: partial (1/2)");
        JsonNode listed = java.util.stream.StreamSupport.stream(admin.get("/api/evaluations").json().spliterator(), false)
                .filter(r -> r.path("run_id").asLong() == runId).findFirst().orElseThrow();
        assertThat(listed.path("status").asString()).isEqualTo("finished");
        assertThat(listed.path("scored").asInt()).isEqualTo(5);
    }

    @Test
    void anInterruptedRunResumesWithTheQuestionsNotYetScoredAndAQuestionThatCannotBeAskedCountsAsFailed() throws Exception {
        Path data = new MiniBenchmark(dir).table("mini.csv", CSV)
                .question(101, "easy", List.of("Summary Statistics"), "mini.csv", "zebra101 What is the mean of x?", "@mean_x[v]",
                        "mean_x", "2.50")
                .question(105, "hard", List.of("Distribution Analysis"), "mini.csv", "zebra105 What is the median of y?",
                        "@median_y[v]", "median_y", "3.75")
                .question(106, "hard", List.of("Outlier Detection"), "gone.csv", "zebra106 Outliers?", "@n[v]", "n", "0")
                .write();
        // a run that stopped after scoring question 101 (the process ended)
        long runId = runs.insertRun(EvaluationService.DABENCH, "gpt-5-mini", data.toString(), List.of(101, 105, 106), 1, Instant.now());
        runs.saveResult(new QuestionResult(runId, 101, "easy", List.of("Summary Statistics"), "zebra101", "eval-earlier",
                Verdict.CORRECT, 1, 1, List.of(new NamedAnswer("mean_x", "2.50")), List.of(new NamedAnswer("mean_x", "2.50")),
                List.of(new SubAnswerVerdict("mean_x", "2.50", "2.50", true)), "code", "@mean_x[2.50]", "", null, 0, 0, 0, 10), 10,
                Instant.now());
        assertThat(statusOf(runId)).isEqualTo("interrupted");

        // the same model and questions again: the unfinished run continues
        List<JsonNode> lines = stream(Map.of("model", "gpt-5-mini", "questions", List.of(106, 105, 101), "data_dir", data.toString()));

        JsonNode started = lines.getFirst();
        assertThat(started.path("run_id").asLong()).isEqualTo(runId);
        assertThat(started.path("done").asInt()).isEqualTo(1);
        assertThat(started.path("message").asString()).startsWith("Resuming run " + runId);
        List<JsonNode> questions = lines.stream().filter(l -> l.path("event").asString().equals("question")).toList();
        assertThat(questions).extracting(q -> q.path("question_id").asInt()).containsExactly(105, 106);
        assertThat(questions.get(1).path("verdict").asString()).isEqualTo("failed");
        assertThat(questions.get(1).path("message").asString()).contains("gone.csv").doesNotContain(dir.toString());
        FAKE.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("zebra101")));
        JsonNode finished = lines.getLast();
        assertThat(finished.path("accuracy").path("questions").asInt()).isEqualTo(3);
        assertThat(finished.path("accuracy").path("correct_questions").asInt()).isEqualTo(1);
        assertThat(finished.path("accuracy").path("by_question").asDouble()).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(statusOf(runId)).isEqualTo("finished");
        // a finished run is not continued by a new start
        List<JsonNode> again = stream(Map.of("model", "gpt-5-mini", "questions", List.of(101), "data_dir", data.toString()));
        assertThat(again.getFirst().path("run_id").asLong()).isNotEqualTo(runId);
    }

    @Test
    void theRoutesNeedTheAdminKey() {
        assertThat(api.post("/api/evaluations/dabench", Map.of()).status()).isEqualTo(403);
        assertThat(api.get("/api/evaluations").status()).isEqualTo(403);
        assertThat(api.with("X-Admin-API-Key", "wrong").get("/api/evaluations/1").status()).isEqualTo(403);
    }

    @Test
    void theRoutesAreInTheApiDocuments() {
        JsonNode paths = api.get("/openapi.json").json().path("paths");
        assertThat(paths.path("/api/evaluations/dabench").has("post")).isTrue();
        assertThat(paths.path("/api/evaluations/{runId}").has("get")).isTrue();
    }

    @Test
    void mistakesInTheRequestAreClearProblemsWithoutServerPaths() {
        Path data = fiveQuestions();
        Api.Response unknownModel = admin.post("/api/evaluations/dabench", Map.of("model", "gpt-0", "data_dir", data.toString()));
        assertThat(unknownModel.status()).isEqualTo(400);
        assertThat(unknownModel.detail()).contains("Unknown model 'gpt-0'");

        Api.Response unknownQuestion = admin.post("/api/evaluations/dabench", Map.of("questions", List.of(101, 999), "data_dir", data.toString()));
        assertThat(unknownQuestion.status()).isEqualTo(400);
        assertThat(unknownQuestion.detail()).contains("[999]");

        Api.Response noData = admin.post("/api/evaluations/dabench", Map.of("data_dir", dir.resolve("nothing-here").toString()));
        assertThat(noData.status()).isEqualTo(400);
        assertThat(noData.detail()).contains("da-dev-questions.jsonl").doesNotContain(dir.toString());

        Api.Response tooMany = admin.post("/api/evaluations/dabench", Map.of("concurrency", 1000, "data_dir", data.toString()));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.detail()).contains("concurrency");

        Api.Response noLimit = admin.post("/api/evaluations/dabench", Map.of("limit", 0, "data_dir", data.toString()));
        assertThat(noLimit.status()).isEqualTo(400);

        assertThat(admin.get("/api/evaluations/987654").status()).isEqualTo(404);
        assertThat(admin.post("/api/evaluations/dabench", Map.of("resume", 987654)).status()).isEqualTo(404);
    }

    private String statusOf(long runId) {
        return java.util.stream.StreamSupport.stream(admin.get("/api/evaluations").json().spliterator(), false)
                .filter(r -> r.path("run_id").asLong() == runId).findFirst().orElseThrow().path("status").asString();
    }

    private List<JsonNode> stream(Map<String, Object> body) {
        Api.Response response = admin.send(admin.builder("/api/evaluations/dabench").header("Content-Type", "application/json")
                .timeout(java.time.Duration.ofMinutes(5))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        return response.body().lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
    }

    private static void agent(String marker, String code, String summary) {
        FAKE.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("You answer statistical questions"))
                .withRequestBody(containing(marker)).willReturn(completion(Map.of("code", code, "summary", summary))));
    }
}
