package io.autoanalyst.code;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import io.autoanalyst.support.Background;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/** When every kernel is busy, a new session is told to come back later (503 + Retry-After), not failed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "autoanalyst.test.database=sqlite",
        "autoanalyst.kernel.max-kernels=1",
        "autoanalyst.kernel.pool-size=0",
        "autoanalyst.kernel.acquire-timeout=1s",
})
class KernelCapacityApiTest extends ApiTestBase {

    @Test
    void aSessionBeyondTheKernelLimitGets503WithRetryAfter() throws Exception {
        Api first = api.session(newSessionId());
        CompletableFuture<Api.Response> busy = Background.supply(() ->
                first.post("/code/execute", Map.of("code", "import time\ntime.sleep(6)\nprint('done')")));
        awaitKernelOf(first); // the first session holds the only kernel and is running on it

        Api.Response refused = api.session(newSessionId()).post("/code/execute", Map.of("code", "print(1)"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Retry-After")).isNotBlank();
        assertThat(refused.detail()).contains("kernels are in use");

        assertThat(busy.get(60, TimeUnit.SECONDS).json().path("output").asString()).contains("done");
    }

    private static void awaitKernelOf(Api session) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!session.get("/api/kernel/status").json().path("alive").asBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("the first session never got a kernel");
            Thread.sleep(50);
        }
    }
}
