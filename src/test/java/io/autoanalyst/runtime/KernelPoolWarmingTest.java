package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel being started for the warm pool holds a slot but is in nobody's use: a request that comes
 * meanwhile waits for it instead of being told that every kernel is busy. (On a loaded machine the
 * only kernel took longer to warm than the acquire timeout, and the first request of a new server got
 * 503 with nothing running.)
 */
class KernelPoolWarmingTest {

    @TempDir
    Path workRoot;

    @Test
    void aRequestWaitsForTheKernelBeingWarmedInsteadOfBeingRefused() throws Exception {
        try (TestKernels kernels = TestKernels.start(workRoot, "max-kernels", "1", "pool-size", "1", "acquire-timeout", "10ms")) {
            awaitWarming(kernels.pool);
            assertThat(kernels.pool.warmCount()).as("the only kernel is still starting").isZero();

            Kernel kernel = kernels.pool.acquire();

            assertThat(kernel.isAlive()).isTrue();
            kernels.pool.release(kernel);
        }
    }

    /** Until the pool's refill holds the only slot and is starting a kernel in it (it takes far longer than a poll). */
    private static void awaitWarming(KernelPool pool) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.warmingCount() == 0) {
            if (System.nanoTime() > deadline) throw new AssertionError("the pool never started warming a kernel");
            Thread.sleep(1);
        }
    }
}
