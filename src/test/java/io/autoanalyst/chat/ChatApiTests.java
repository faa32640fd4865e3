package io.autoanalyst.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The original's /chats routes, with ownership taken from the caller and never from user_id. */
abstract class ChatApiTests extends ApiTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createAddMessagesAndReadBackInOrder() {
        Api ann = signedInUser("ann");
        JsonNode chat = ann.post("/chats/", Map.of("user_id", 12345)).json();
        long chatId = chat.path("chat_id").asLong();
        assertThat(chat.path("title").asString()).isEqualTo("New Chat");
        assertThat(chat.path("user_id").asLong()).isEqualTo(me(ann).path("user_id").asLong());

        assertThat(ann.post("/chats/" + chatId + "/messages", Map.of("content", "what is the mean price?", "sender", "user")).status()).isEqualTo(200);
        Api.Response ai = ann.post("/chats/" + chatId + "/messages", Map.of("content", "## Answer", "sender", "ai", "agent", "data_viz_agent"));
        assertThat(ai.json().path("message_id").asLong()).isPositive();
        assertThat(ai.json().path("timestamp").isMissingNode()).isFalse();

        JsonNode detail = ann.get("/chats/" + chatId).json();
        assertThat(detail.path("messages")).hasSize(2);
        assertThat(detail.path("messages").get(0).path("sender").asString()).isEqualTo("user");
        assertThat(detail.path("messages").get(1).path("content").asString()).isEqualTo("## Answer");
    }

    @Test
    void listShowsOnlyTheCallersChatsNewestFirst() {
        Api ann = signedInUser("ann");
        Api bob = signedInUser("bob");
        long first = ann.post("/chats", null).json().path("chat_id").asLong();
        long second = ann.post("/chats", null).json().path("chat_id").asLong();
        bob.post("/chats", null);

        JsonNode list = ann.get("/chats/?limit=10&offset=0").json();
        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("chat_id").asLong()).isEqualTo(second);
        assertThat(list.get(1).path("chat_id").asLong()).isEqualTo(first);
        // the original listed everyone's chats when user_id was left out, and trusted it when given
        long bobId = me(bob).path("user_id").asLong();
        assertThat(ann.get("/chats/?user_id=" + bobId).json()).hasSize(2);
    }

    @Test
    void anotherUsersChatIsNotFoundForEveryRoute() {
        Api ann = signedInUser("ann");
        Api bob = signedInUser("bob");
        long chatId = ann.post("/chats", null).json().path("chat_id").asLong();
        long annId = me(ann).path("user_id").asLong();

        assertThat(bob.get("/chats/" + chatId + "?user_id=" + annId).status()).isEqualTo(404);
        assertThat(bob.post("/chats/" + chatId + "/messages", Map.of("content", "x", "sender", "user")).status()).isEqualTo(404);
        assertThat(bob.put("/chats/" + chatId, Map.of("title", "mine now")).status()).isEqualTo(404);
        assertThat(bob.delete("/chats/" + chatId).status()).isEqualTo(404);
        assertThat(api.session(newSessionId()).get("/chats/" + chatId).status()).as("a guest").isEqualTo(404);
        assertThat(ann.get("/chats/" + chatId).json().path("title").asString()).isEqualTo("New Chat");
    }

    @Test
    void guestsKeepChatsThroughTheirSession() {
        String session = newSessionId();
        Api guest = api.session(session);
        long chatId = guest.post("/chats/", Map.of()).json().path("chat_id").asLong();
        assertThat(guest.get("/chats/" + chatId).status()).isEqualTo(200);
        assertThat(api.session(newSessionId()).get("/chats/" + chatId).status()).isEqualTo(404);
        assertThat(api.get("/chats/").detail()).as("no token and no session").isEqualTo("Session ID required");
    }

    @Test
    void renameTruncatesTo255() {
        Api ann = signedInUser("ann");
        long chatId = ann.post("/chats", null).json().path("chat_id").asLong();
        JsonNode renamed = ann.put("/chats/" + chatId, Map.of("title", "t".repeat(300))).json();
        assertThat(renamed.path("title").asString()).hasSize(255);
    }

    @Test
    void deleteKeepsUsageRowsWithTheChatRemoved() {
        Api ann = signedInUser("ann");
        long chatId = ann.post("/chats", null).json().path("chat_id").asLong();
        ann.post("/chats/" + chatId + "/messages", Map.of("content", "hi", "sender", "user"));
        long usage = jdbc.sql("INSERT INTO model_usage (chat_id, model_name, provider) VALUES (?, 'offline', 'offline') RETURNING usage_id")
                .param(chatId).query(Long.class).single();

        Api.Response deleted = ann.delete("/chats/" + chatId);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("message").asString()).isEqualTo("Chat " + chatId + " deleted successfully");
        assertThat(deleted.json().path("preserved_model_usage").asBoolean()).isTrue();
        assertThat(ann.get("/chats/" + chatId).status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM model_usage WHERE usage_id = ? AND chat_id IS NULL").param(usage).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void messageValidationNamesTheField() {
        Api ann = signedInUser("ann");
        long chatId = ann.post("/chats", null).json().path("chat_id").asLong();
        Api.Response response = ann.post("/chats/" + chatId + "/messages", Map.of("content", "x", "sender", "robot"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).isEqualTo("sender: must be 'user' or 'ai'");
        assertThat(ann.get("/chats/?limit=500").status()).isEqualTo(400);
        assertThat(ann.get("/chats/abc").status()).isEqualTo(400);
    }

    @Test
    void cleanupEmptyTouchesOnlyTheCallersChatsWithoutTheAdminKey() {
        Api ann = signedInUser("ann");
        Api bob = signedInUser("bob");
        long annEmpty = ann.post("/chats", null).json().path("chat_id").asLong();
        long annFull = ann.post("/chats", null).json().path("chat_id").asLong();
        ann.post("/chats/" + annFull + "/messages", Map.of("content", "hi", "sender", "user"));
        long bobEmpty = bob.post("/chats", null).json().path("chat_id").asLong();

        Api.Response own = ann.post("/chats/cleanup-empty", Map.of());
        assertThat(own.json().path("message").asString()).isEqualTo("Deleted 1 empty chats");
        assertThat(ann.get("/chats/" + annEmpty).status()).isEqualTo(404);
        assertThat(ann.get("/chats/" + annFull).status()).isEqualTo(200);
        assertThat(bob.get("/chats/" + bobEmpty).status()).isEqualTo(200);

        assertThat(ann.post("/chats/cleanup-empty", Map.of("is_admin", true)).status()).as("is_admin without the key").isEqualTo(403);
        Api.Response admin = api.with("X-Admin-API-Key", ADMIN_KEY).post("/chats/cleanup-empty", Map.of("is_admin", true));
        assertThat(admin.status()).isEqualTo(200);
        assertThat(bob.get("/chats/" + bobEmpty).status()).isEqualTo(404);
    }
}
