package io.autoanalyst.instance;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.ModelRegistry;
import io.autoanalyst.llm.OfflineLlmClient;
import io.autoanalyst.llm.TokenCounts;
import io.autoanalyst.llm.UsageRecord;
import io.autoanalyst.llm.UsageRecorder;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.EmbeddedPostgresSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The pair on one PostgreSQL, plus what only PostgreSQL carries between instances: the realtime dashboards' feed. */
class PostgresTwoInstancesTest extends TwoInstancesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    String newDatabaseUrl() {
        return EmbeddedPostgresSupport.newDatabaseUrl();
    }

    @Test
    @Order(3)
    void aDashboardHearsEveryModelCallOnceWhicheverInstanceRecordedIt() throws Exception {
        Dashboard onA = Dashboard.open(a);
        Dashboard onB = Dashboard.open(b);

        Api client = newUserSession(a);
        String session = client.headers().get("X-Session-ID");
        Api.Response turn = client.post("/chat", Map.of("query", "describe the dataset"));
        assertThat(turn.status()).as(turn.toString()).isEqualTo(200);
        long marker = recordMarker(a, 900_001); // after the turn's rows, from the same instance: heard after them

        long rowsOfTurnOnA = usageRows(session, marker);
        assertThat(rowsOfTurnOnA).as("the turn recorded model calls").isPositive();
        assertThat(onB.updatesBefore(900_001)).as("B hears A's calls, once each").isEqualTo(rowsOfTurnOnA);
        assertThat(onA.updatesBefore(900_001)).as("A hears its own calls once, not again through the database")
                .isEqualTo(rowsOfTurnOnA);

        Api sameUserOnB = on(b, client);
        assertThat(sameUserOnB.post("/chat", Map.of("query", "summary statistics")).status()).isEqualTo(200);
        long secondMarker = recordMarker(b, 900_002);

        long rowsOfTurnOnB = usageRows(session, secondMarker) - rowsOfTurnOnA;
        assertThat(rowsOfTurnOnB).isPositive();
        // A's own calls, had they come back to it through the database, would have come before B's
        assertThat(onA.updatesBefore(900_002)).as("A hears B's calls, once each").isEqualTo(rowsOfTurnOnB);
        assertThat(onB.updatesBefore(900_002)).as("B hears its own calls once").isEqualTo(rowsOfTurnOnB);

        recordMarker(a, 900_003);
        assertThat(onB.updatesBefore(900_003)).as("nothing of B's own came back to it through the database").isZero();
        onA.socket.abort();
        onB.socket.abort();
    }

    @Test
    @Order(3)
    void aDashboardStillHearsTheOtherInstanceAfterTheListeningConnectionsWereCut() throws Exception {
        Dashboard onB = Dashboard.open(b);
        List<Boolean> cut = a.getBean(JdbcClient.class).sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE application_name = 'autoanalyst-analytics-listen' AND datname = current_database()")
                .query(Boolean.class).list();
        assertThat(cut).as("A's and B's listening connections").containsExactly(true, true);

        // calls announced before B listens again are not shown; one announced after it is
        int heard = 0;
        for (int tokens = 910_000; tokens < 910_060 && heard == 0; tokens++) {
            recordMarker(a, tokens);
            JsonNode message = onB.received.poll(1, TimeUnit.SECONDS);
            while (message != null && heard == 0) {
                if ("usage_update".equals(message.path("type").asString())) heard = message.path("metrics").path("tokens_delta").asInt();
                message = onB.received.poll();
            }
        }
        assertThat(heard).as("B listens again and hears A's calls").isBetween(910_000, 910_059);
        recordMarker(a, 919_999);
        onB.updatesBefore(919_999); // every marker is delivered now, none is left to reach another test's dashboard
        onB.socket.abort();
    }

    /** Records a model call with a token count nothing else has, through the recorder every call goes through. */
    private static long recordMarker(ConfigurableApplicationContext instance, int tokens) {
        UsageRecord row = instance.getBean(UsageRecorder.class).record(
                instance.getBean(ModelRegistry.class).resolve(OfflineLlmClient.MODEL_ID), CallContext.system(), "marker",
                UsageRecorder.Outcome.success(new TokenCounts(tokens, 0, tokens), 1, 1, Duration.ofMillis(1))).orElseThrow();
        return row.usageId();
    }

    /** The session's usage rows recorded before the row {@code before}. */
    private long usageRows(String session, long before) {
        return a.getBean(JdbcClient.class).sql("SELECT count(*) FROM model_usage WHERE session_id = ? AND usage_id < ?")
                .params(session, before).query(Long.class).single();
    }

    /** A dashboard's realtime WebSocket on one instance, authenticated with the admin key. */
    private static final class Dashboard implements WebSocket.Listener {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Dashboard open(ConfigurableApplicationContext instance) throws Exception {
            Dashboard dashboard = new Dashboard();
            String port = instance.getEnvironment().getProperty("local.server.port");
            dashboard.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/analytics/dashboard/realtime"), dashboard)
                    .get(10, TimeUnit.SECONDS);
            dashboard.socket.sendText(ApiTestBase.ADMIN_KEY, true).get(10, TimeUnit.SECONDS);
            assertThat(dashboard.next().path("type").asString()).isEqualTo("authenticated");
            return dashboard;
        }

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

        JsonNode next() throws InterruptedException {
            JsonNode message = received.poll(120, TimeUnit.SECONDS);
            if (message == null) throw new AssertionError("no message arrived");
            return message;
        }

        /** How many usage updates arrive before the one of the marker call with {@code tokens}. */
        long updatesBefore(int tokens) throws InterruptedException {
            long count = 0;
            while (true) {
                JsonNode message = next();
                if (!"usage_update".equals(message.path("type").asString())) continue;
                if (message.path("metrics").path("tokens_delta").asInt() == tokens) return count;
                count++;
            }
        }
    }
}
