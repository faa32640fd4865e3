package io.autoanalyst.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The thread that streams a chat turn logs with the request's id, user and session like the request thread. */
@SqliteApi
@ExtendWith(OutputCaptureExtension.class)
class StreamLogContextTest extends ApiTestBase {

    @Test
    void theStreamingThreadsLogLinesNameTheRequestUserAndSession(CapturedOutput output) {
        String session = newSessionId();
        String requestId = "stream-" + System.nanoTime();
        Api guest = api.session(session);
        long user = guest.post("/initialize-session", Map.of()).json().path("user_id").asLong();

        Api.Response turn = guest.with("X-Request-ID", requestId).post("/chat", Map.of("query", "average price by furnishingstatus"));
        assertThat(turn.status()).isEqualTo(200);
        assertThat(turn.body()).contains("turn_complete");

        String line = output.getAll().lines().filter(l -> l.contains("Chat turn:") && l.contains(requestId))
                .findFirst().orElseThrow(() -> new AssertionError("no 'Chat turn' line with " + requestId + " in the log"));
        assertThat(line).contains("req=" + requestId, "user=" + user, "session=" + session);
    }
}
