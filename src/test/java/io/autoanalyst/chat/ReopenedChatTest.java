package io.autoanalyst.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A stored answer carries what a reopened chat shows: its code, its outputs and the model. */
@SqliteApi
class ReopenedChatTest extends ApiTestBase {

    @Test
    void aSavedAnswerComesBackWithItsCodeOutputsAndModel() {
        Api guest = api.session(newSessionId());
        long chat = guest.post("/chats", Map.of("title", "distribution")).json().path("chat_id").asLong();
        assertThat(guest.post("/chat?chat_id=" + chat + "&save=true", Map.of("query", "Show the distribution of price")).status())
                .isEqualTo(200);

        JsonNode messages = guest.get("/chats/" + chat).json().path("messages");
        assertThat(messages).hasSize(2);
        JsonNode question = messages.get(0);
        assertThat(question.path("code").isNull()).isTrue();
        JsonNode answer = messages.get(1);
        assertThat(answer.path("code").asString()).contains("code start").contains("px.histogram");
        assertThat(answer.path("model_name").asString()).isEqualTo("offline");
        JsonNode outputs = JsonMapper.builder().build().readTree(answer.path("outputs").asString());
        assertThat(outputs.path("is_successful").asBoolean()).isTrue();
        assertThat(outputs.path("plotly_outputs")).hasSize(1);
        assertThat(outputs.path("output").asString()).contains("Skewness");
    }
}
