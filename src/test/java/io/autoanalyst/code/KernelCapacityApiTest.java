package io.autoanalyst.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.Background;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * At capacity, requests wait for a kernel in line and a streaming chat says where it waits; when the
 * line is full, a new request is told to come back later (503 + Retry-After), not failed. One kernel,
 * one place in line, and a session keeps its kernel for an hour after using it, so that the test
 * decides when a kernel comes free.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.test.database=sqlite",
        "autoanalyst.kernel.max-kernels=1",
        "autoanalyst.kernel.pool-size=0",
        "autoanalyst.kernel.max-queued=1",
        "autoanalyst.kernel.eviction-grace=1h",
        "autoanalyst.kernel.acquire-timeout=5m",
})
class KernelCapacityApiTest extends ApiTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Api> used = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void freeTheKernel() {
        used.forEach(session -> session.post("/api/kernel/restart", Map.of()));
    }

    @Test
    void aRequestBeyondAFullLineGets503WithRetryAfter() throws Exception {
        Api holder = holdTheKernel();
        Api waiting = session();
        CompletableFuture<Api.Response> queued = Background.supply(() -> waiting.post("/code/execute", Map.of("code", "print('waited')")));
        awaitQueued(holder, 1);

        Api.Response refused = session().post("/code/execute", Map.of("code", "print(1)"));

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.detail()).contains("requests are waiting for a Python kernel");
        holder.post("/api/kernel/restart", Map.of());
        assertThat(queued.get(120, TimeUnit.SECONDS).json().path("output").asString()).contains("waited");
    }

    @Test
    void aChatTurnWaitingForAKernelStreamsItsPlaceInLine() throws Exception {
        Api holder = holdTheKernel();
        Api asker = session();
        CompletableFuture<Api.Response> turn = Background.supply(() -> asker.post("/chat", Map.of("query", "describe the dataset")));
        awaitQueued(holder, 1);

        holder.post("/api/kernel/restart", Map.of());

        List<JsonNode> lines = turn.get(120, TimeUnit.SECONDS).body().lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
        JsonNode queue = lines.stream().filter(l -> l.path("agent").asString().equals("queue")).findFirst().orElseThrow(
                () -> new AssertionError("no queue line in " + lines));
        assertThat(queue.path("status").asString()).isEqualTo("waiting");
        assertThat(queue.path("position").asInt()).isEqualTo(1);
        assertThat(queue.path("content").asString()).contains("Waiting for a Python kernel");
        JsonNode execution = lines.stream().filter(l -> l.path("agent").asString().equals("code_execution")).findFirst().orElseThrow();
        assertThat(execution.path("status").asString()).isEqualTo("success");
        assertThat(lines.getLast().path("status").asString()).isEqualTo("complete");
    }

    private Api session() {
        Api session = api.session(newSessionId());
        used.add(session);
        return session;
    }

    /** A session that has used the only kernel a moment ago, so keeps it (the grace is an hour). */
    private Api holdTheKernel() {
        Api holder = session();
        assertThat(holder.post("/code/execute", Map.of("code", "x = 1")).status()).isEqualTo(200);
        assertThat(holder.get("/api/kernel/status").json().path("alive").asBoolean()).isTrue();
        return holder;
    }

    private static void awaitQueued(Api session, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (session.get("/api/kernel/status").json().path("queued").asInt() != expected) {
            if (System.nanoTime() > deadline) throw new AssertionError("no request ever waited for a kernel");
            Thread.sleep(20);
        }
    }
}
