package io.autoanalyst.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The original web frontend's calls, as it makes them (see original-frontend-calls.md): its guest bootstrap on a 400,
 * and the reads it sends with no identity at all, which must answer "nothing here" without revealing anyone's data.
 */
@SqliteApi
class OriginalFrontendCallsTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aFirstVisitAsAGuestGetsItsSessionFromThe400AndThenAnAnswer() {
        // 1.1: the first apiClient call carries no session
        Api.Response first = api.get("/agents");
        assertThat(first.status()).isEqualTo(400);
        assertThat(first.json().path("detail").asString()).isEqualTo("Session ID required");

        // the client's interceptor invents an id, initialises it, and retries once
        String session = newSessionId(); // auto_<epoch-ms>_<random>, as the interceptor makes them
        Api browser = api.session(session);
        Api.Response init = browser.post("/initialize-session",
                Map.of("session_id", session, "user_id", 0, "user_email", "", "user_name", "Anonymous"));
        assertThat(init.status()).isEqualTo(200);
        Api.Response retry = browser.get("/agents");
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json().path("available_agents")).isNotEmpty();

        // 2.1: the default dataset preview, compared with the literal "Housing Dataset"
        assertThat(api.get("/api/default-dataset").detail()).isEqualTo("Session ID required");
        assertThat(browser.get("/api/default-dataset").json().path("name").asString()).isEqualTo("Housing Dataset");

        // 6.3: the chat fetch, with the session the interceptor stored
        Api.Response chat = browser.post("/chat", Map.of("query", "What is the average price by furnishingstatus?"));
        assertThat(chat.status()).isEqualTo(200);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : chat.body().split("\n")) {
            if (!line.isBlank()) lines.add(JSON.readTree(line));
        }
        assertThat(lines).anySatisfy(l -> assertThat(l.path("agent").asString()).isEqualTo("code_execution"));
        assertThat(lines.getLast().path("agent").asString()).isEqualTo("turn_complete");
        assertThat(lines.getLast().path("status").asString()).isEqualTo("complete");
    }

    @Test
    void theSuggestionListsAgentsCallWithoutASessionDegradesAsAgainstTheOriginal() {
        Api.Response response = api.get("/agents?user_id=1");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).isEqualTo("Session ID required");
    }

    @Test
    void feedbackReadsWithoutIdentityFindNothingAndRevealNothing() {
        Api ann = signedInUser("ann");
        long chat = ann.post("/chats", null).json().path("chat_id").asLong();
        long message = ann.post("/chats/" + chat + "/messages", Map.of("content", "## answer", "sender", "ai")).json().path("message_id").asLong();
        assertThat(ann.post("/feedback/message/" + message, Map.of("message_id", message, "rating", 5)).status()).isEqualTo(200);

        // 12.1: the page's plain axios call has no session; only 404 means "no rating yet" to it
        Api.Response read = api.get("/feedback/message/" + message);
        assertThat(read.status()).isEqualTo(404);
        assertThat(read.detail()).isEqualTo("No feedback found for message with ID " + message);
        assertThat(api.get("/feedback/chat/" + chat).json()).isEmpty();

        Api.Response write = api.post("/feedback/message/" + message, Map.of("message_id", message, "rating", 1));
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.detail()).contains("Authorization: Bearer").contains("X-Session-ID");
        assertThat(ann.get("/feedback/message/" + message).json().path("rating").asInt()).as("unchanged").isEqualTo(5);
    }

    @Test
    void preferenceReadsWithoutIdentityGetTheDefaultsNotAnyonesChoices() {
        Api ann = signedInUser("ann");
        long annId = me(ann).path("user_id").asLong();
        JsonNode annsList = ann.get("/templates/user/" + annId + "?variant_type=planner").json();
        long someEnabled = -1;
        for (JsonNode t : annsList) {
            if (t.path("is_enabled").asBoolean()) someEnabled = t.path("template_id").asLong();
        }
        assertThat(ann.post("/templates/user/" + annId + "/template/" + someEnabled + "/toggle", Map.of("is_enabled", false)).status())
                .isEqualTo(200);

        JsonNode anonymous = api.get("/templates/user/" + annId + "?variant_type=planner").json();
        assertThat(anonymous).hasSameSizeAs(annsList);
        long finalSomeEnabled = someEnabled;
        assertThat(anonymous).anySatisfy(t -> {
            assertThat(t.path("template_id").asLong()).isEqualTo(finalSomeEnabled);
            assertThat(t.path("is_enabled").asBoolean()).as("the default, not ann's choice").isTrue();
        });
        assertThat(api.get("/templates/user/" + annId + "/enabled/planner").status()).isEqualTo(200);

        Api.Response write = api.post("/templates/user/" + annId + "/bulk-toggle",
                Map.of("preferences", List.of(Map.of("template_id", someEnabled, "is_enabled", true))));
        assertThat(write.status()).isEqualTo(401);
        assertThat(api.post("/templates/user/" + annId + "/toggle", Map.of("template_id", someEnabled, "is_enabled", true)).status())
                .isEqualTo(401);
    }

    @Test
    void aClampedMaxTokensIsReportedWhenSaved() {
        Api browser = api.session(newSessionId());
        Api.Response saved = browser.post("/settings/model",
                Map.of("provider", "offline", "model", "offline", "api_key", "", "temperature", 1, "max_tokens", 5000));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("adjusted").path("max_tokens").toString()).isEqualTo("{\"requested\":5000,\"applied\":4096}");
        assertThat(saved.json().path("message").asString()).contains("4096");
        assertThat(browser.get("/api/model-settings").json().path("maxTokens").asInt()).isEqualTo(4096);

        Api.Response unchanged = browser.post("/settings/model", Map.of("model", "offline", "temperature", 0.5, "max_tokens", 1000));
        assertThat(unchanged.json().has("adjusted")).isFalse();
        assertThat(unchanged.json().path("message").asString()).isEqualTo("Model settings updated successfully");
    }

    @Test
    void blogRoutesServeTheProductsPostsAndFeaturedIsReachable() {
        JsonNode posts = api.get("/api/blog/posts").json();
        assertThat(posts).hasSize(3);
        JsonNode post = posts.get(0);
        for (String key : List.of("id", "title", "excerpt", "content", "author", "publishedAt", "tags", "featured", "readTime")) {
            assertThat(post.has(key)).as(key).isTrue();
        }
        JsonNode featured = api.get("/api/blog/posts/featured").json();
        assertThat(featured).isNotEmpty().allSatisfy(p -> assertThat(p.path("featured").asBoolean()).isTrue());
        String id = post.path("id").asString();
        assertThat(api.get("/api/blog/posts/" + id).json().path("title").asString()).isEqualTo(post.path("title").asString());
        Api.Response missing = api.get("/api/blog/posts/999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.detail()).isEqualTo("Blog post not found");
        JsonNode tags = api.get("/api/blog/tags").json();
        assertThat(tags).isNotEmpty();
        assertThat(tags.toString()).contains("\"analytics\"");
    }
}
