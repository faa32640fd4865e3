package io.autoanalyst.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.Background;
import io.autoanalyst.support.SqliteApi;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A streamed turn's lines reach the client as they are written, not when the turn ends: the planner's
 * line arrives while the turn's code still waits for the session's kernel, which another request keeps
 * busy. (Spring Framework 7 swallowed every flush of a streamed body, so the whole turn arrived at once.)
 */
@SqliteApi
class ChatStreamingLiveTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void thePlannersLineArrivesBeforeTheTurnsCodeCanRun() throws Exception {
        Api session = api.session(newSessionId());
        session.post("/code/execute", Map.of("code", "x = 1"));
        CompletableFuture<Api.Response> holder = Background.supply(() ->
                session.post("/code/execute", Map.of("code", "import time\ntime.sleep(20)")));
        while (!session.get("/api/kernel/status").json().path("busy").asBoolean()) Thread.sleep(10);

        HttpRequest request = session.builder("/chat").timeout(Duration.ofMinutes(2)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", "describe the dataset")))).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String first = lines.readLine();

            assertThat(JSON.readTree(first).path("agent").asString()).isEqualTo("Analytical Planner");
            assertThat(holder).as("the turn's code is still waiting for the kernel").isNotDone();
            String last = first;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (!line.isBlank()) last = line;
            }
            assertThat(JSON.readTree(last).path("status").asString()).isEqualTo("complete");
        }
        assertThat(holder.get(2, TimeUnit.MINUTES).status()).isEqualTo(200);
    }
}
