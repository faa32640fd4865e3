package io.autoanalyst.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Model settings are per session (the original shared one global setting between all users). */
abstract class ModelSettingsApiTests extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void withoutKeysTheDefaultIsTheOfflineAnalyst() {
        JsonNode settings = api.session(newSessionId()).get("/api/model-settings").json();
        assertThat(settings.path("model").asString()).isEqualTo("offline");
        assertThat(settings.path("hasCustomKey").asBoolean()).isFalse();
        assertThat(settings.has("maxTokens")).isTrue();
    }

    @Test
    void oneSessionsChoiceDoesNotChangeAnother() {
        Api first = api.session(newSessionId());
        Api second = api.session(newSessionId());
        Api.Response set = first.post("/settings/model",
                Map.of("provider", "anthropic", "model", "claude-sonnet-4-6", "api_key", "", "temperature", 0.3, "max_tokens", 5000));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().path("message").asString()).isEqualTo("Model settings updated successfully");

        JsonNode mine = first.get("/api/model-settings").json();
        assertThat(mine.path("provider").asString()).isEqualTo("anthropic");
        assertThat(mine.path("model").asString()).isEqualTo("claude-sonnet-4-6");
        assertThat(mine.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(mine.path("maxTokens").asInt()).isEqualTo(5000);
        assertThat(second.get("/api/model-settings").json().path("model").asString()).isEqualTo("offline");
    }

    @Test
    void anUnknownModelIsRefusedAndChangesNothing() {
        Api session = api.session(newSessionId());
        session.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini"));
        Api.Response refused = session.post("/settings/model", Map.of("provider", "openai", "model", "gpt-4o-mini"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("gpt-4o-mini").contains("gpt-5-mini").contains("claude-sonnet-4-6");
        assertThat(session.get("/api/model-settings").json().path("model").asString()).isEqualTo("gpt-5-mini");
    }

    @Test
    void providerLimitsAreApplied() {
        Api session = api.session(newSessionId());
        session.post("/settings/model", Map.of("provider", "openai", "model", "GPT-5", "temperature", 0.2, "max_tokens", 900000));
        JsonNode settings = session.get("/api/model-settings").json();
        assertThat(settings.path("model").asString()).isEqualTo("gpt-5");
        assertThat(settings.path("temperature").asDouble()).as("gpt-5 only accepts 1.0").isEqualTo(1.0);
        assertThat(settings.path("maxTokens").asInt()).isEqualTo(16000);
    }

    @Test
    void aUsersOwnKeyIsStoredEncryptedAndNeverReturned() {
        String id = newSessionId();
        Api session = api.session(id);
        String key = "sk-user-own-key-1234567890";
        session.post("/settings/model", Map.of("provider", "openai", "model", "gpt-5-mini", "api_key", key));

        Api.Response settings = session.get("/api/model-settings");
        assertThat(settings.json().path("hasCustomKey").asBoolean()).isTrue();
        assertThat(settings.body()).doesNotContain(key);
        String stored = jdbc.sql("SELECT model_api_key FROM analysis_sessions WHERE session_id = ?").param(id).query(String.class).single();
        assertThat(stored).startsWith("v1:").doesNotContain(key);
    }

    @Test
    void theModelListHasEveryOriginalModelAndSaysWhichAreConfigured() {
        JsonNode list = api.get("/api/models").json();
        assertThat(list.path("default_model").asString()).isEqualTo("offline");
        assertThat(list.path("models").toString()).contains("\"gpt-5-mini\"", "\"claude-opus-4-6\"", "\"gemini-3-flash\"", "\"gpt-oss-20B\"");
        for (JsonNode model : list.path("models")) {
            boolean offline = model.path("id").asString().equals("offline");
            assertThat(model.path("configured").asBoolean()).as(model.path("id").asString()).isEqualTo(offline);
        }
    }

    @Test
    void missingModelIsABadRequest() {
        Api.Response response = api.session(newSessionId()).post("/settings/model", Map.of("provider", "openai"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).isEqualTo("model: is required");
    }
}
