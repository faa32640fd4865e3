package io.autoanalyst.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.autoanalyst.support.FakeOpenAi.completion;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.FakeOpenAi;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
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
 * Chat turns against a scripted fake OpenAI server (WireMock on loopback, the real wire format):
 * concurrency of independent steps, the fix loop, malformed agent output, and a model that times out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.test.database=sqlite",
        "autoanalyst.llm.openai.api-key=sk-test-key",
        "autoanalyst.llm.default-model=gpt-5-mini",
        "autoanalyst.llm.timeout=2s",
        "autoanalyst.llm.retry.max-attempts=1",
        "autoanalyst.llm.format-retries=1",
})
class ScriptedModelChatTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FakeOpenAi FAKE = FakeOpenAi.started();
    private static final int AGENT_LATENCY_MS = 1500;

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

    @Test
    void independentStepsRunConcurrentlyAndEachLineArrivesWhenReady() throws Exception {
        FAKE.answer("You plan how a team", Map.of("complexity", "intermediate",
                "plan", "statistical_analytics_agent -> data_viz_agent",
                "plan_instructions", JSON.writeValueAsString(Map.of(
                        "statistical_analytics_agent", Map.of("create", List.of("price_mean"), "use", List.of("df"), "instruction", "mean price"),
                        "planner_data_viz_agent", Map.of("create", List.of("fig"), "use", List.of("df"), "instruction", "histogram")))), 0);
        FAKE.answer("You answer statistical questions", Map.of("code", "price_mean = df['price'].mean()\nprint(round(price_mean, 2))",
                "summary", "- mean price"), AGENT_LATENCY_MS);
        FAKE.answer("You draw charts with Plotly", Map.of("code", "import plotly.express as px\nfig = px.histogram(df, x='price')\nfig.show()",
                "summary", "- histogram"), AGENT_LATENCY_MS);

        List<TimedLine> lines = streamChat("What is the mean price, and how is it distributed?");

        TimedLine planner = lines.getFirst();
        assertThat(planner.json().path("agent").asString()).isEqualTo("Analytical Planner");
        List<TimedLine> agents = lines.stream().filter(l -> l.json().path("agent").asString().startsWith("planner_")).toList();
        assertThat(agents).hasSize(2);
        // the fake server saw the second agent's request while it was still holding back the first one's answer:
        // the calls overlapped (an order of events at the server, not a measured speed)
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> agentCalls = FAKE.getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getBodyAsString().contains("You plan how a team"))
                .filter(e -> e.getRequest().getBodyAsString().contains("You answer statistical questions")
                        || e.getRequest().getBodyAsString().contains("You draw charts with Plotly"))
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
        assertThat(agentCalls).hasSize(2);
        long firstAnswerHeldUntil = agentCalls.getFirst().getRequest().getLoggedDate().getTime() + AGENT_LATENCY_MS;
        assertThat(agentCalls.getLast().getRequest().getLoggedDate().getTime())
                .as("the second agent's call arrived before the first agent's answer was sent").isLessThan(firstAnswerHeldUntil);
        JsonNode execution = find(lines, "code_execution");
        assertThat(execution.path("content").asString()).contains("5309633.03");
        assertThat(execution.path("plotly_outputs")).hasSize(1);
        assertThat(lines.getLast().json().path("status").asString()).isEqualTo("complete");
        // every model call was recorded with the tokens the fake reported
        assertThat(jdbc.sql("SELECT count(*) FROM model_usage WHERE provider = 'openai' AND prompt_tokens = 120 AND completion_tokens = 40")
                .query(Long.class).single()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aFailingStepIsFixedOnTheSecondAttempt() throws Exception {
        planOneStep("statistical_analytics_agent");
        FAKE.answer("You answer statistical questions", Map.of("code", "print(df['no_such_column'].mean())", "summary", "- mean"), 0);
        FAKE.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("You repair Python"))
                .inScenario("fix").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(completion(Map.of("fixed_code", "print(df['still_missing'].mean())"))));
        FAKE.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("You repair Python"))
                .inScenario("fix").whenScenarioStateIs("second")
                .willReturn(completion(Map.of("fixed_code", "# planner_statistical_analytics_agent code start\nprint('mean', round(df['price'].mean(), 2))\n# planner_statistical_analytics_agent code end"))));

        List<TimedLine> lines = streamChat("mean price");
        List<JsonNode> fixes = lines.stream().map(TimedLine::json).filter(l -> l.path("agent").asString().equals("code_fix")).toList();
        assertThat(fixes).extracting(l -> l.path("status").asString()).containsExactly("retry", "error", "retry", "success");
        JsonNode execution = find(lines, "code_execution");
        assertThat(execution.path("status").asString()).isEqualTo("success");
        assertThat(execution.path("content").asString()).contains("mean 5309633.03");
        assertThat(lines.getLast().json().path("status").asString()).isEqualTo("complete");
    }

    @Test
    void malformedAgentOutputIsReportedInItsLineAndTheStreamStillCompletes() throws Exception {
        planOneStep("statistical_analytics_agent");
        FAKE.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("You answer statistical questions"))
                .willReturn(completion("I think the mean is large, but here is no JSON at all.")));

        List<TimedLine> lines = streamChat("mean price");
        JsonNode agent = lines.get(1).json();
        assertThat(agent.path("status").asString()).isEqualTo("error");
        assertThat(agent.path("content").asString()).contains("**Error**");
        assertThat(lines.getLast().json().path("agent").asString()).isEqualTo("turn_complete");
        assertThat(lines.getLast().json().path("status").asString()).isEqualTo("error");
    }

    @Test
    void aModelThatTimesOutMidTurnEndsTheTurnWithAClearError() throws Exception {
        planOneStep("statistical_analytics_agent");
        FAKE.answer("You answer statistical questions", Map.of("code", "print(1)", "summary", "-"), 4000);

        List<TimedLine> lines = streamChat("mean price");
        JsonNode agent = lines.get(1).json();
        assertThat(agent.path("status").asString()).isEqualTo("error");
        assertThat(agent.path("content").asString()).containsIgnoringCase("within");
        assertThat(lines.getLast().json().path("status").asString()).isEqualTo("error");
    }

    @Test
    void codeFixRouteVerifiesItsCandidateInAScratchKernel() {
        Api session = api.session(newSessionId());
        FAKE.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing("You repair Python"))
                .willReturn(completion(Map.of("fixed_code", "print(round(df['price'].mean(), 2))"))));
        JsonNode fixed = session.post("/code/fix", Map.of("code", "print(df['prize'].mean())", "error", "KeyError: 'prize'")).json();
        assertThat(fixed.path("fixed_code").asString()).isEqualTo("print(round(df['price'].mean(), 2))");
        assertThat(fixed.has("error")).isFalse();
        assertThat(session.post("/code/fix", Map.of("code", "x")).detail()).isEqualTo("Both code and error message are required");
    }

    @Test
    void codeEditAndChatTitlesUseTheSessionsModel() {
        Api session = api.session(newSessionId());
        session.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini"));
        FAKE.answer("Edit Python data-analysis code", Map.of("edited_code", "```python\nprint(df['price'].median())\n```"), 0);
        JsonNode edited = session.post("/code/edit", Map.of("original_code", "print(df['price'].mean())", "user_prompt", "use the median")).json();
        assertThat(edited.path("edited_code").asString()).isEqualTo("\nprint(df['price'].median())\n");
        assertThat(session.post("/code/edit", Map.of("original_code", "x")).detail()).isEqualTo("Both original code and editing instructions are required");

        FAKE.answer("Name this chat", Map.of("name", "\"Price Distribution\""), 0);
        assertThat(session.post("/chat_history_name", Map.of("query", "how are prices distributed?")).json().path("name").asString())
                .isEqualTo("Price Distribution");
    }

    @Test
    void aProviderErrorDuringAnEditKeepsTheOriginalCodeAndSaysWhy() {
        Api session = api.session(newSessionId());
        session.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini"));
        FAKE.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": \"invalid_request_error\", \"code\": \"invalid_api_key\"}}")));
        JsonNode edited = session.post("/code/edit", Map.of("original_code", "print(1)", "user_prompt", "print 2")).json();
        assertThat(edited.path("edited_code").asString()).isEqualTo("print(1)");
        assertThat(edited.path("error").asString()).contains("OPENAI_API_KEY").doesNotContain("sk-test-key");
    }

    @Test
    void thePromptsDatasetFollowsTheSessionsDatasetsAndNeverAnotherSessions() throws Exception {
        planOneStep("statistical_analytics_agent");
        FAKE.answer("You answer statistical questions", Map.of("code", "print(1)", "summary", "- one"), 0);
        Api first = modelSession();
        Api second = modelSession();
        assertThat(plannerPrompt(first, "first question q1")).contains("price").doesNotContain("amount_due");

        String csv = "bill_id,amount_due\n1,10.5\n2,3.25\n";
        String boundary = "----aa" + java.util.UUID.randomUUID().toString().replace("-", "");
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bills.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbills\r\n"
                + "--" + boundary + "--\r\n";
        Api.Response uploaded = first.send(first.builder("/upload_dataframe")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        // the session's datasets changed since its last turn: the description is made again, not an earlier one
        assertThat(plannerPrompt(first, "first question q2")).contains("amount_due");
        // another session still has only its own dataset
        assertThat(plannerPrompt(second, "second question q3")).contains("price").doesNotContain("amount_due");

        assertThat(first.post("/reset-session", Map.of()).status()).isEqualTo(200);
        assertThat(plannerPrompt(first, "first question q4")).contains("price").doesNotContain("amount_due");
    }

    @Test
    void laterTurnsOfASavedChatGiveTheModelTheEarlierQuestionsAndSummaries() throws Exception {
        planOneStep("data_viz_agent");
        FAKE.answer("You draw charts with Plotly", Map.of("code", "import plotly.express as px\nfig = px.histogram(df, x='price')\nfig.show()",
                "summary", "- histogram of prices drawn"), 0);
        Api user = signedInUser("memory").session(newSessionId());
        assertThat(user.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini")).status()).isEqualTo(200);
        long chat = user.post("/chats", null).json().path("chat_id").asLong();
        String first = plannerPrompt(user, "/chat?chat_id=" + chat + "&save=true", "draw prices m1");
        assertThat(first).doesNotContain("histogram of prices drawn");
        // the first answer is stored with its figure; the next turn reads who said what, and the summary
        assertThat(user.get("/chats/" + chat).json().path("messages").get(1).path("outputs").toString()).contains("plotly");
        String second = plannerPrompt(user, "/chat?chat_id=" + chat + "&save=true", "and again m2");
        assertThat(second).contains("Query: draw prices m1", "histogram of prices drawn");
    }

    private Api modelSession() {
        Api session = api.session(newSessionId());
        assertThat(session.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini")).status()).isEqualTo(200);
        return session;
    }

    /** Asks {@code query} (unique to the call) in the session and returns the planner's request as the fake received it. */
    private String plannerPrompt(Api session, String query) throws Exception {
        return plannerPrompt(session, "/chat", query);
    }

    private String plannerPrompt(Api session, String path, String query) throws Exception {
        HttpRequest request = session.builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("turn_complete");
        List<String> prompts = FAKE.getAllServeEvents().stream().map(e -> e.getRequest().getBodyAsString())
                .filter(b -> b.contains("You plan how a team") && b.contains(query)).toList();
        assertThat(prompts).hasSize(1);
        return prompts.getFirst();
    }

    private void planOneStep(String agent) {
        FAKE.answer("You plan how a team", Map.of("complexity", "basic", "plan", agent,
                "plan_instructions", JSON.writeValueAsString(Map.of(agent, Map.of("create", List.of(), "use", List.of("df"), "instruction", "answer")))), 0);
    }

    record TimedLine(JsonNode json, long atMs) {
    }

    private List<TimedLine> streamChat(String query) throws Exception {
        Api session = api.session(newSessionId());
        assertThat(session.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini")).status()).isEqualTo(200);
        HttpRequest request = session.builder("/chat").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query)))).build();
        long start = System.nanoTime();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<TimedLine> lines = new ArrayList<>();
        response.body().filter(l -> !l.isBlank())
                .forEach(l -> lines.add(new TimedLine(JSON.readTree(l), Duration.ofNanos(System.nanoTime() - start).toMillis())));
        return lines;
    }

    private static JsonNode find(List<TimedLine> lines, String agent) {
        return lines.stream().map(TimedLine::json).filter(l -> l.path("agent").asString().equals(agent)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + agent + " line in " + lines));
    }
}
