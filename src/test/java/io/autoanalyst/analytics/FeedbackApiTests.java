package io.autoanalyst.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

abstract class FeedbackApiTests extends ApiTestBase {

    @Test
    void rateReplaceAndReadBackOnlyOnOwnMessages() {
        Api ann = signedInUser("ann");
        long chat = ann.post("/chats", null).json().path("chat_id").asLong();
        long message = ann.post("/chats/" + chat + "/messages", Map.of("content", "## answer", "sender", "ai")).json().path("message_id").asLong();

        Api.Response first = ann.post("/feedback/message/" + message, Map.of("message_id", message, "rating", 4,
                "model_name", "offline", "model_provider", "offline", "temperature", 0.7, "max_tokens", 5000));
        assertThat(first.status()).isEqualTo(200);
        Map<String, Object> second = new HashMap<>(Map.of("message_id", message, "rating", 2));
        assertThat(ann.post("/feedback/message/" + message, second).json().path("model_name").asString())
                .as("kept from the first rating").isEqualTo("offline");
        assertThat(ann.get("/feedback/message/" + message).json().path("rating").asInt()).isEqualTo(2);
        assertThat(ann.get("/feedback/chat/" + chat).json()).hasSize(1);

        Api bob = signedInUser("bob");
        assertThat(bob.post("/feedback/message/" + message, Map.of("rating", 1)).status()).isEqualTo(404);
        assertThat(bob.get("/feedback/message/" + message).status()).isEqualTo(404);
        assertThat(bob.get("/feedback/chat/" + chat).status()).isEqualTo(404);
    }

    @Test
    void ratingsOutsideOneToFiveAreRefused() {
        Api ann = signedInUser("ann");
        long chat = ann.post("/chats", null).json().path("chat_id").asLong();
        long message = ann.post("/chats/" + chat + "/messages", Map.of("content", "x", "sender", "ai")).json().path("message_id").asLong();
        Api.Response response = ann.post("/feedback/message/" + message, Map.of("rating", 9));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.detail()).isEqualTo("rating: must be from 1 to 5");
        assertThat(ann.get("/feedback/message/" + message).detail()).isEqualTo("No feedback found for message with ID " + message);
    }
}
