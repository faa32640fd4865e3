package io.autoanalyst.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The code routes through HTTP, on real sandboxed kernels. */
@SqliteApi
class CodeApiTest extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    static final String TWO_BLOCKS = """
            # planner_preprocessing_agent code start
            import pandas as pd
            frame = pd.DataFrame({"price": [1, 2, 3]})
            print(frame.describe())
            print("planner_preprocessing_agent has done")
            # planner_preprocessing_agent code end

            # planner_data_viz_agent code start
            import plotly.express as px
            fig = px.histogram(frame, x="price")
            fig.show()
            print(frame["no_such_column"])
            # planner_data_viz_agent code end
            """;

    @Test
    void executeAnswersInTheOriginalFormatAndOneFailingBlockDoesNotStopTheOther() {
        Api.Response response = api.session(newSessionId()).post("/code/execute", Map.of("code", TWO_BLOCKS));
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        String output = body.path("output").asString();
        assertThat(output).contains("=== OUTPUT FROM PLANNER_PREPROCESSING_AGENT ===", "<TABLE_START>", "<TABLE_END>",
                "planner_preprocessing_agent has done", "=== ERROR IN PLANNER_DATA_VIZ_AGENT ===", "no_such_column");
        assertThat(body.path("is_successful").asBoolean()).isFalse();
        assertThat(body.path("failed_agents").asString()).isEqualTo("[\"planner_data_viz_agent\"]");
        // the figure of the block is kept (the original threw every figure away when any block failed)
        assertThat(body.path("plotly_outputs").get(0).asString()).startsWith("```plotly\n").contains("\"histogram\"");
        assertThat(body.path("matplotlib_outputs").isNull()).isTrue();
    }

    @Test
    void variablesPersistBetweenRunsOfOneSessionAndNotAcrossSessions() {
        Api mine = api.session(newSessionId());
        mine.post("/code/execute", Map.of("code", "kept = 41"));
        assertThat(mine.post("/code/execute", Map.of("code", "print(kept + 1)")).json().path("output").asString()).contains("42");
        assertThat(api.session(newSessionId()).post("/code/execute", Map.of("code", "print(kept)")).json().path("is_successful").asBoolean())
                .isFalse();
    }

    @Test
    void emptyCodeIsABadRequest() {
        Api.Response response = api.session(newSessionId()).post("/code/execute", Map.of("code", "  "));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).isEqualTo("No code provided");
    }

    @Test
    void runsOfAMessageAreRecordedAndTheLatestCodeCanBeFetched() {
        Api ann = signedInUser("ann").session(newSessionId());
        long chat = ann.post("/chats", null).json().path("chat_id").asLong();
        long message = ann.post("/chats/" + chat + "/messages", Map.of("content", "## answer", "sender", "ai")).json().path("message_id").asLong();

        ann.post("/code/execute", Map.of("code", "print(1/0)", "message_id", message));
        ann.post("/code/execute", Map.of("code", "print('fixed')", "message_id", message));

        JsonNode latest = ann.post("/code/get-latest-code", Map.of("message_id", message)).json();
        assertThat(latest.path("found").asBoolean()).isTrue();
        assertThat(latest.path("initial_code").asString()).isEqualTo("print(1/0)");
        assertThat(latest.path("latest_code").asString()).isEqualTo("print('fixed')");
        assertThat(latest.path("is_successful").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM code_executions WHERE message_id = ?").param(message).query(Long.class).single()).isEqualTo(1);

        Api bob = signedInUser("bob").session(newSessionId());
        assertThat(bob.post("/code/get-latest-code", Map.of("message_id", message)).json().path("found").asBoolean()).isFalse();
    }

    @Test
    void setMessageInfoLinksLaterRunsToTheCallersOwnMessageOnly() {
        Api ann = signedInUser("ann").session(newSessionId());
        long chat = ann.post("/chats", null).json().path("chat_id").asLong();
        long message = ann.post("/chats/" + chat + "/messages", Map.of("content", "## a", "sender", "ai")).json().path("message_id").asLong();
        JsonNode info = ann.post("/set-message-info", Map.of("message_id", message, "chat_id", chat, "user_id", 999)).json();
        assertThat(info.path("success").asBoolean()).isTrue();
        assertThat(info.path("message_id").asLong()).isEqualTo(message);
        ann.post("/code/execute", Map.of("code", "print('linked')"));
        assertThat(ann.post("/code/get-latest-code", Map.of("message_id", message)).json().path("latest_code").asString())
                .isEqualTo("print('linked')");

        Api bob = signedInUser("bob").session(newSessionId());
        JsonNode foreign = bob.post("/set-message-info", Map.of("message_id", message)).json();
        assertThat(foreign.path("message_id").isNull()).isTrue();
    }

    @Test
    void aMessageIdThatIsNotTheCallersIsNotLinkedButTheCodeRuns() {
        Api.Response response = api.session(newSessionId()).post("/code/execute", Map.of("code", "print('ran')", "message_id", 3));
        assertThat(response.json().path("output").asString()).contains("ran");
        assertThat(jdbc.sql("SELECT count(*) FROM code_executions WHERE message_id = 3").query(Long.class).single()).isZero();
    }

    @Test
    void cleanCodeHoistsImports() {
        String code = "# a code start\nimport pandas as pd\nx = 1\n# a code end\n# b code start\nimport numpy as np\nimport pandas as pd\ny = 2\n# b code end";
        String cleaned = api.session(newSessionId()).post("/code/clean-code", Map.of("code", code)).json().path("cleaned_code").asString();
        assertThat(cleaned).startsWith("import numpy as np\nimport pandas as pd\n\n# a code start\nx = 1");
        assertThat(cleaned).contains("# b code start\ny = 2\n# b code end");
    }

    @Test
    void kernelRoutesRunACellAndReportStatus() {
        Api session = api.session(newSessionId());
        JsonNode run = session.post("/api/kernel/run", Map.of("code", "import pandas as pd\npd.DataFrame({'a': [1, 2]})")).json();
        assertThat(run.path("status").asString()).isEqualTo("ok");
        assertThat(run.path("outputs").get(0).path("output_type").asString()).isEqualTo("execute_result");
        assertThat(run.path("outputs").get(0).path("data").has("text/html")).isTrue();

        JsonNode status = session.get("/api/kernel/status").json();
        assertThat(status.path("alive").asBoolean()).isTrue();
        assertThat(status.path("runs").asLong()).isPositive();

        session.post("/code/execute", Map.of("code", "before_restart = 1"));
        assertThat(session.post("/api/kernel/restart", null).status()).isEqualTo(200);
        assertThat(session.post("/api/kernel/run", Map.of("code", "before_restart")).json().path("status").asString()).isEqualTo("error");
    }

    @Test
    void healthSaysHowUserCodeIsSandboxed() {
        JsonNode health = api.get("/health").json();
        assertThat(health.path("message").asString()).isEqualTo("API is healthy and running");
        assertThat(health.path("sandbox").path("status").asString()).isIn("ok", "degraded", "unavailable");
        assertThat(health.path("sandbox").path("detail").asString()).isNotBlank();
    }

    @Test
    void anotherUsersSessionCannotRunCode() {
        Api ann = signedInUser("ann");
        String id = newSessionId();
        ann.session(id).post("/code/execute", Map.of("code", "secret = 'ann'"));
        assertThat(signedInUser("bob").session(id).post("/code/execute", Map.of("code", "print(secret)")).status()).isEqualTo(404);
    }
}
