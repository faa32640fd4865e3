package io.autoanalyst.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.SqliteApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who may read the analytics: the admin key, in the header or (for the WebSockets) the first message or a subprotocol. */
@SqliteApi
class AdminAnalyticsAccessTest extends ApiTestBase {

    static final List<String> ADMIN_ROUTES = List.of("/analytics/dashboard", "/analytics/usage/summary", "/analytics/daily",
            "/analytics/users", "/analytics/users/activity", "/analytics/users/sessions/stats", "/analytics/usage/models",
            "/analytics/models/history", "/analytics/models/metrics", "/analytics/costs/summary", "/analytics/costs/daily",
            "/analytics/costs/models", "/analytics/costs/projections", "/analytics/costs/today", "/analytics/tiers/usage",
            "/analytics/tiers/projections", "/analytics/tiers/efficiency", "/analytics/code-executions/summary",
            "/analytics/code-executions/detailed", "/analytics/code-executions/users", "/analytics/code-executions/error-analysis",
            "/analytics/feedback/summary", "/analytics/feedback/detailed", "/analytics/debug/model_usage", "/analytics/export.csv");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int serverPort;

    @Test
    void everyAdminRouteNeedsTheKeyInTheHeader() {
        Api admin = api.with("X-Admin-API-Key", ADMIN_KEY);
        for (String route : ADMIN_ROUTES) {
            Api.Response missing = api.get(route);
            assertThat(missing.status()).as(route).isEqualTo(403);
            assertThat(missing.detail()).isEqualTo("Invalid or missing admin API key");
            assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
            assertThat(api.with("X-Admin-API-Key", "wrong-" + ADMIN_KEY).get(route).status()).as(route).isEqualTo(403);
            Api.Response inQuery = api.get(route + "?admin_api_key=" + ADMIN_KEY);
            assertThat(inQuery.status()).as(route).isEqualTo(403);
            assertThat(inQuery.detail()).contains("not accepted in the query string");
            assertThat(admin.get(route).status()).as(route).isEqualTo(200);
        }
    }

    @Test
    void theOpenApiDocumentDescribesTheRoutes() {
        JsonNode paths = api.get("/openapi.json").json().path("paths");
        for (String route : ADMIN_ROUTES) {
            assertThat(paths.has(route)).as(route).isTrue();
            assertThat(paths.path(route).path("get").path("summary").asString()).as(route).isNotBlank();
        }
        for (String route : List.of("/analytics/public/ticker", "/api/blog/posts", "/api/blog/posts/featured", "/api/blog/posts/{id}",
                "/api/blog/tags")) {
            assertThat(paths.has(route)).as(route).isTrue();
        }
    }

    @Test
    void badParametersAreClientErrors() {
        Api admin = api.with("X-Admin-API-Key", ADMIN_KEY);
        Api.Response response = admin.get("/analytics/users?limit=0");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(admin.get("/analytics/feedback/detailed?min_rating=9").status()).isEqualTo(400);
        assertThat(admin.get("/analytics/code-executions/detailed?user_id=abc").status()).isEqualTo(400);
    }

    @Test
    void theTickerIsPublicAndHoldsNoPerUserData() {
        Api.Response ticker = api.get("/analytics/public/ticker");
        assertThat(ticker.status()).isEqualTo(200);
        assertThat(ticker.json().propertyNames()).containsExactlyInAnyOrder("total_signups", "total_tokens", "total_requests", "last_updated");
    }

    @Test
    void aWebSocketClientAuthenticatedByItsFirstMessageReceivesUpdatesAfterAChatTurn() throws Exception {
        Messages dashboard = new Messages();
        WebSocket ws = connect("/analytics/dashboard/realtime", dashboard, List.of());
        Messages users = new Messages();
        WebSocket wsUsers = connect("/analytics/realtime", users, List.of());
        assertThat(dashboard.poll()).as("nothing before the key").isNull();

        ws.sendText("{\"type\":\"auth\",\"admin_api_key\":\"" + ADMIN_KEY + "\"}", true).get(10, TimeUnit.SECONDS);
        wsUsers.sendText(ADMIN_KEY, true).get(10, TimeUnit.SECONDS);
        assertThat(dashboard.next("authenticated")).isNotNull();
        assertThat(users.next("authenticated")).isNotNull();

        Api.Response turn = api.session(newSessionId()).post("/chat", Map.of("query", "describe the dataset"));
        assertThat(turn.status()).isEqualTo(200);

        JsonNode usage = dashboard.next("usage_update");
        assertThat(usage.path("metrics").path("requests_delta").asInt()).isEqualTo(1);
        assertThat(usage.path("date").asString()).matches("\\d{4}-\\d{2}-\\d{2}");
        assertThat(dashboard.next("model_update").path("model_name").asString()).isNotBlank();
        JsonNode activity = users.next("user_activity");
        assertThat(activity.path("metrics").path("activeUsers").asInt()).isEqualTo(1);
        assertThat(activity.path("metrics").path("sessions").asInt()).isEqualTo(1);
        ws.abort();
        wsUsers.abort();
    }

    @Test
    void theKeyMayComeAsASubprotocolWhichIsNotEchoedBack() throws Exception {
        Messages messages = new Messages();
        WebSocket ws = connect("/analytics/realtime", messages, List.of("autoanalyst-analytics", ADMIN_KEY));
        assertThat(ws.getSubprotocol()).isEqualTo("autoanalyst-analytics");
        assertThat(messages.next("authenticated")).isNotNull();
        ws.abort();
    }

    @Test
    void aWrongKeyClosesTheSocketAndAKeyInTheUrlIsRefused() throws Exception {
        Messages messages = new Messages();
        WebSocket ws = connect("/analytics/dashboard/realtime", messages, List.of());
        ws.sendText("{\"admin_api_key\":\"wrong\"}", true);
        assertThat(messages.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1008);

        assertThatThrownBy(() -> connect("/analytics/realtime?admin_api_key=" + ADMIN_KEY, new Messages(), List.of()))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(400));
    }

    private WebSocket connect(String path, Messages listener, List<String> subprotocols) throws Exception {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.getFirst(), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + serverPort + path), listener).get(10, TimeUnit.SECONDS);
    }

    /** Collects a socket's text messages. */
    static final class Messages implements WebSocket.Listener {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        JsonNode poll() throws InterruptedException {
            return received.poll(300, TimeUnit.MILLISECONDS);
        }

        /** The next message of a type, skipping others (other tests' turns broadcast too). */
        JsonNode next(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                JsonNode message = received.poll(1, TimeUnit.SECONDS);
                if (message != null && type.equals(message.path("type").asString())) return message;
            }
            throw new AssertionError("no " + type + " message arrived");
        }
    }
}
