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
    void anOrphanedGrandchildThatHidItselfDoesNotOutliveItsRunEither() {
        try (TestKernels kernels = TestKernels.start(workRoot)) {
            // double fork: the grandchild is adopted by the sandbox's init (or the machine's, unsandboxed),
            // is no descendant of the interpreter any more, and makes itself non-dumpable (root-owned /proc entry)
            RunResult started = kernels.sessions.run("orphan", """
                    import os, time, ctypes
                    r, w = os.pipe()
                    if os.fork() == 0:
                        os.setsid()
                        if os.fork() == 0:
                            ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0
                            os.write(w, str(os.getpid()).encode()); os.close(w)
                            while True: pass
                        os._exit(0)
                    os.close(w)
                    orphan = int(os.read(r, 32)); os.close(r)
                    time.sleep(0.2)
                    print('orphan', orphan)
                    """);
            assertThat(started.success()).as(started.stdout()).isTrue();

            RunResult check = kernels.sessions.run("orphan", """
                    import os, time
                    def alive(pid):
                        try:
                            os.kill(pid, 0)
                            with open(f'/proc/{pid}/stat') as f: return f.read().split()[2] != 'Z'
                        except (ProcessLookupError, FileNotFoundError): return False
                    for _ in range(100):
                        if not alive(orphan): break
                        time.sleep(0.05)
                    print('ended' if not alive(orphan) else 'still running')
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
