package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.support.Background;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limits beyond one run: what a run leaves running, the disk a kernel fills, the memory all kernels take. */
class KernelLimitsTest {

    private static final RunOptions LONG = new RunOptions(false, Duration.ofSeconds(120));

    @TempDir
    Path workRoot;

    @Test
    void aProcessTheCodeDetachedDoesNotOutliveItsRun() {
        try (TestKernels kernels = TestKernels.start(workRoot)) {
            RunResult started = kernels.sessions.run("detach", """
                    import subprocess, sys
                    child = subprocess.Popen([sys.executable, '-c', 'while True: pass'], start_new_session=True)
                    print(child.pid)
                    """);
            assertThat(started.success()).as(started.stdout()).isTrue();

            RunResult check = kernels.sessions.run("detach", """
                    import time
                    for _ in range(100):
                        if child.poll() is not None: break
                        time.sleep(0.05)
                    print('ended' if child.poll() is not None else 'still running')
                    """);

            assertThat(check.stdout()).contains("ended");
        }
    }

    @Test
    void filesBeyondTheDiskQuotaStopTheKernelAndAreRemoved() {
        try (TestKernels kernels = TestKernels.start(workRoot, "disk-quota", "20MB")) {
            kernels.sessions.run("disk", "kept = 1");

            RunResult full = kernels.sessions.run("disk", "open('big.bin', 'wb').write(b'x' * (30 << 20))");
            RunResult after = kernels.sessions.run("disk", "import os\nprint(os.path.exists('big.bin'), 'kept' in globals())");

            assertThat(full.kernelDied()).isTrue();
            assertThat(full.error()).hasValueSatisfying(e -> {
                assertThat(e.ename()).isEqualTo("DiskQuotaExceeded");
                assertThat(e.evalue()).contains("disk quota of 20 MB");
            });
            assertThat(after.stdout()).contains("False False");
        }
    }

    @Test
    void aRunThatKeepsWritingIsStoppedWhileItRuns() throws Exception {
        try (TestKernels kernels = TestKernels.start(workRoot, "disk-quota", "20MB")) {
            RunResult result = kernels.sessions.run("writer", """
                    import time
                    with open('grow.bin', 'wb') as f:
                        f.write(b'x' * (30 << 20))
                        f.flush()
                        time.sleep(100)
                    """, LONG);

            assertThat(result.kernelDied()).isTrue();
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.evalue()).contains("disk quota of 20 MB"));
        }
    }

    @Test
    void theRunningKernelUsingMostMemoryIsStoppedWhenAllGoOverTheBudget() throws Exception {
        try (TestKernels kernels = TestKernels.start(workRoot, "memory-budget", "600MB")) {
            CompletableFuture<RunResult> hog = Background.supply(() -> kernels.sessions.run("hog", """
                    import numpy as np, time
                    block = np.ones(100_000_000)  # 800 MB, touched
                    time.sleep(100)
                    """, LONG));

            RunResult result = hog.get(120, TimeUnit.SECONDS);

            assertThat(result.kernelDied()).isTrue();
            assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.evalue()).contains("memory budget of 600 MB"));
            assertThat(kernels.sessions.run("hog", "print('back')").stdout()).contains("back");
        }
    }

    @Test
    void anIdleKernelMakesRoomWhenAnotherWouldNotFitTheMemoryBudget() {
        // the first kernel holds 160 MB of data besides the libraries (about 340 MB resident): a second does not fit
        try (TestKernels kernels = TestKernels.start(workRoot, "memory-budget", "500MB", "acquire-timeout", "30s")) {
            kernels.sessions.run("first", "import numpy as np\nblock = np.ones(20_000_000)");
            assertThat(kernels.sessions.status("first").alive()).isTrue();

            RunResult second = kernels.sessions.run("second", "print('second ran')");

            assertThat(second.stdout()).contains("second ran");
            assertThat(kernels.sessions.status("first").alive()).isFalse();
        }
    }
}
