package io.autoanalyst.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

@SqliteApi
class AgentListApiTest extends ApiTestBase {

    @Test
    void agentsAnswerInTheOriginalShape() {
        JsonNode agents = api.session(newSessionId()).get("/agents").json();
        assertThat(agents.path("standard_agents").toString())
                .isEqualTo("[\"preprocessing_agent\",\"statistical_analytics_agent\",\"sk_learn_agent\",\"data_viz_agent\"]");
        assertThat(agents.path("template_agents").toString()).contains("feature_engineering_agent", "polars_agent")
                .doesNotContain("planner_").doesNotContain("basic_qa_agent");
        assertThat(agents.path("available_agents")).hasSize(6);
        assertThat(agents.path("custom_agents")).isEmpty();
    }

    @Test
    void agentsWithoutASessionAnswerTheOriginalsSessionRequired() {
        // the original frontend's suggestion list calls /agents?user_id= without X-Session-ID; the original answers 400
        for (String path : new String[] {"/agents", "/agents?user_id=5"}) {
            var response = api.get(path);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.detail()).isEqualTo("Session ID required");
        }
    }

    @Test
    void chatTitlesWithoutAModelComeFromTheQuestionsWords() {
        Map<String, Object> body = Map.of("query", "Show me the distribution of house prices by furnishing status");
        JsonNode title = api.session(newSessionId()).post("/chat_history_name", body).json();
        assertThat(title.path("name").asString()).isEqualTo("Distribution House Prices");
    }
}
