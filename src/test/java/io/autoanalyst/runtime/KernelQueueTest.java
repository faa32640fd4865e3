package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanalyst.support.Background;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests wait for a kernel in one line, first come first served, and are told their place; a kernel
 * used a moment ago is not taken from its session; a full line refuses at once.
 */
class KernelQueueTest {

    @TempDir
    Path workRoot;

    @Test
    void requestsGetKernelsInTheOrderTheyCameAndAreToldTheirPlace() throws Exception {
        // one kernel; a session keeps it while it was used within the grace (an hour here)
        try (TestKernels kernels = TestKernels.start(workRoot, "max-kernels", "1", "eviction-grace", "1h", "acquire-timeout", "5m")) {
            kernels.sessions.run("first", "x = 1");
            List<String> events = new CopyOnWriteArrayList<>();

            CompletableFuture<RunResult> second = Background.supply(() -> kernels.sessions.run("second", "print('second')",
                    new RunOptions(false, null, (position, queued) -> events.add("second at " + position))));
            await(() -> kernels.pool.queuedCount(), 1);
            // the count rises before the listener is told: wait for the event too, or "third at 2" could come first
            await(() -> events.contains("second at 1") ? 1 : 0, 1);
            CompletableFuture<RunResult> third = Background.supply(() -> kernels.sessions.run("third", "print('third')",
                    new RunOptions(false, null, (position, queued) -> events.add("third at " + position))));
            await(() -> kernels.pool.queuedCount(), 2);

            kernels.sessions.shutdown("first"); // its kernel frees the only slot: the first in line gets it
            assertThat(second.get(120, TimeUnit.SECONDS).stdout()).contains("second");
            await(() -> events.contains("third at 1") ? 1 : 0, 1);
            assertThat(third).isNotDone(); // the second session's kernel is within its grace

            kernels.sessions.shutdown("second");
            assertThat(third.get(120, TimeUnit.SECONDS).stdout()).contains("third");
            assertThat(events).containsExactly("second at 1", "third at 2", "third at 1");
        }
    }

    @Test
    void anIdleKernelPastItsGraceMakesRoomForTheFirstInLine() {
        try (TestKernels kernels = TestKernels.start(workRoot, "max-kernels", "1", "eviction-grace", "0s")) {
            kernels.sessions.run("first", "x = 1");

            RunResult second = kernels.sessions.run("second", "print('second')");

            assertThat(second.stdout()).contains("second");
            assertThat(kernels.sessions.status("first").alive()).isFalse();
        }
    }

    @Test
    void aFullLineRefusesAtOnce() throws Exception {
        try (TestKernels kernels = TestKernels.start(workRoot, "max-kernels", "1", "eviction-grace", "1h",
                "acquire-timeout", "5m", "max-queued", "1")) {
            kernels.sessions.run("first", "x = 1");
            CompletableFuture<RunResult> waiting = Background.supply(() -> kernels.sessions.run("second", "print('second')"));
            await(() -> kernels.pool.queuedCount(), 1);

            assertThatThrownBy(() -> kernels.sessions.run("third", "print('third')"))
                    .isInstanceOf(KernelCapacityExceeded.class).hasMessageContaining("1 requests are waiting");

            kernels.sessions.shutdown("first");
            assertThat(waiting.get(120, TimeUnit.SECONDS).stdout()).contains("second");
        }
    }

    private static void await(IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (value.getAsInt() != expected) {
            if (System.nanoTime() > deadline) throw new AssertionError("expected " + expected + ", still " + value.getAsInt());
            Thread.sleep(10);
        }
    }
}
