package io.autoanalyst.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Chat end to end with the offline analyst on the sample dataset: question → planner → agent →
 * code → sandboxed kernel → streamed lines, checked against the dataset's known true values
 * (docs/sample-dataset.md).
 */
@SqliteApi
class ChatStreamApiTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPlannedTurnStreamsPlannerAgentExecutionAndACompletionLine() {
        Api.Response response = api.session(newSessionId()).post("/chat", Map.of("query", "What is the average price by furnishingstatus?"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(response);

        assertThat(lines.getFirst().path("agent").asString()).isEqualTo("Analytical Planner");
        JsonNode agent = lines.get(1);
        assertThat(agent.path("agent").asString()).startsWith("planner_");
        assertThat(agent.path("status").asString()).isEqualTo("success");
        assertThat(agent.path("content").asString()).contains("### Code Implementation", "```python", "Offline analyst");

        JsonNode execution = line(lines, "code_execution");
        assertThat(execution.path("status").asString()).isEqualTo("success");
        // true group means of the generated file
        assertThat(execution.path("content").asString()).contains("5514286", "5261975", "5212029");

        JsonNode last = lines.getLast();
        assertThat(last.path("agent").asString()).isEqualTo("turn_complete");
        assertThat(last.path("status").asString()).isEqualTo("complete");
    }

    @Test
    void aChartQuestionComesBackWithAPlotlyFigure() {
        List<JsonNode> lines = lines(api.session(newSessionId()).post("/chat", Map.of("query", "Show the distribution of price")));
        JsonNode execution = line(lines, "code_execution");
        assertThat(execution.path("plotly_outputs").get(0).asString()).startsWith("```plotly");
    }

    @Test
    void everyLineIsWholeJsonOnItsOwnLine() {
        Api.Response response = api.session(newSessionId()).post("/chat", Map.of("query", "describe the dataset"));
        String[] raw = response.body().split("\n");
        for (String line : raw) {
            assertThat(JSON.readTree(line).has("agent")).as(line).isTrue();
        }
        assertThat(response.body()).endsWith("\n");
    }

    @Test
    void aCoreAgentTheUserSwitchedOffIsNotUsedByThePlanner() {
        Api ann = signedInUser("ann").session(newSessionId());
        long annId = me(ann).path("user_id").asLong();
        long viz = 0;
        for (JsonNode t : ann.get("/templates/user/" + annId + "?variant_type=planner").json()) {
            if (t.path("template_name").asString().equals("planner_data_viz_agent")) viz = t.path("template_id").asLong();
        }
        assertThat(ann.post("/templates/user/" + annId + "/template/" + viz + "/toggle", Map.of("is_enabled", false)).status()).isEqualTo(200);

        List<JsonNode> lines = lines(ann.post("/chat", Map.of("query", "Show the distribution of price")));
        assertThat(lines).extracting(l -> l.path("agent").asString()).doesNotContain("planner_data_viz_agent");
        assertThat(lines.get(1).path("agent").asString()).startsWith("planner_");
    }

    @Test
    void everyModelCallOfATurnIsRecordedWithItsCost() {
        String session = newSessionId();
        lines(api.session(session).post("/chat", Map.of("query", "average price by furnishingstatus")));
        assertThat(jdbc.sql("SELECT count(*) FROM model_usage WHERE session_id = ? AND model_name = 'offline' AND provider = 'offline' "
                + "AND cost = 0 AND is_successful = ?").params(session, true).query(Long.class).single()).isPositive();
    }

    @Test
    void badRequestsAreRefusedBeforeTheStreamStarts() {
        assertThat(api.post("/chat", Map.of("query", "mean price")).detail()).isEqualTo("Session ID required");
        Api.Response blank = api.session(newSessionId()).post("/chat", Map.of("query", " "));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.detail()).isEqualTo("query: is required");
    }

    @Test
    void directAgentsAnswerInTheOriginalShape() {
        String session = newSessionId();
        Api.Response response = api.session(session).post("/chat/statistical_analytics_agent,data_viz_agent", Map.of("query", "summary statistics of price"));
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("agent_name").asString()).isEqualTo("statistical_analytics_agent,data_viz_agent");
        assertThat(body.path("session_id").asString()).isEqualTo(session);
        assertThat(body.path("response").asString()).contains("## Statistical Analytics Agent", "## Data Viz Agent", "```python");

        Api.Response unknown = api.session(session).post("/chat/no_such_agent", Map.of("query", "x"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).startsWith("Agent 'no_such_agent' not found. Available agents: [").contains("data_viz_agent");
    }

    @Test
    void savedTurnsGoToTheCallersChatAndGiveContextOnlyToThem() {
        Api ann = signedInUser("ann").session(newSessionId());
        long chat = ann.post("/chats", null).json().path("chat_id").asLong();
        lines(ann.post("/chat?chat_id=" + chat + "&save=true", Map.of("query", "average price by furnishingstatus")));
        JsonNode messages = ann.get("/chats/" + chat).json().path("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).path("sender").asString()).isEqualTo("ai");
        assertThat(messages.get(1).path("content").asString()).contains("### Code Implementation");

        Api bob = signedInUser("bob").session(newSessionId());
        Api.Response foreign = bob.post("/chat?chat_id=" + chat + "&save=true", Map.of("query", "mean price"));
        assertThat(foreign.status()).isEqualTo(200);
        assertThat(ann.get("/chats/" + chat).json().path("messages")).as("nothing written into Ann's chat").hasSize(2);
    }

    private static List<JsonNode> lines(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isBlank()) lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static JsonNode line(List<JsonNode> lines, String agent) {
        return lines.stream().filter(l -> l.path("agent").asString().equals(agent)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + agent + " line in " + lines));
    }
}
