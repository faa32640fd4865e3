package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.autoanalyst.support.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Behaviour of session kernels, on real Python processes (sandboxed as this machine allows). What every kernel
 * backend must do (state, streams, tracebacks, timeouts, isolation of variables...) is in
 * {@link KernelBackendContract}, which runs on local kernels too ({@code LocalKernelBackendTest}); this class keeps
 * what is about sessions on the local pool.
 */
class SessionKernelsTest {

    private static final RunOptions THREE_SECONDS = new RunOptions(false, Duration.ofSeconds(3));

    @TempDir
    static Path workRoot;
    static TestKernels kernels;

    @BeforeAll
    static void startKernels() {
        kernels = TestKernels.start(workRoot, "pool-size", "2", "wall-time-per-run", "30s");
    }

    @AfterAll
    static void stopKernels() {
        kernels.close();
    }

    @Test
    void variablesSurviveBetweenRuns() {
        RunResult first = kernels.sessions.run("state", "x = 41");
        RunResult second = kernels.sessions.run("state", "x + 1");

        assertThat(first.success()).isTrue();
        assertThat(second.outputs()).singleElement().isInstanceOf(KernelOutput.ExecuteResult.class);
        assertThat(TestKernels.resultText(second)).isEqualTo("42");
    }


    @Test
    void infiniteLoopTimesOutAndTheSessionKeepsWorking() {
        kernels.sessions.run("loop", "before = 1");

        RunResult loop = kernels.sessions.run("loop", "while True:\n    pass", THREE_SECONDS);
        RunResult next = kernels.sessions.run("loop", "1 + 1");
        RunResult earlier = kernels.sessions.run("loop", "before");

        assertThat(loop.timedOut()).isTrue();
        assertThat(loop.elapsed()).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(10));
        assertThat(loop.error()).hasValueSatisfying(e -> assertThat(e.evalue()).contains("limit of 3 s"));
        assertThat(next.success()).isTrue();
        assertThat(TestKernels.resultText(next)).isEqualTo("2");
        assertThat(earlier.error()).as("a replaced kernel starts empty")
                .hasValueSatisfying(e -> assertThat(e.ename()).isEqualTo("NameError"));
    }

    @Test
    void kernelExitIsReportedAndTheNextRunWorks() {
        long pidBefore = runAndGetPid("exit");

        RunResult exit = kernels.sessions.run("exit", "import os\nos._exit(1)");
        long pidAfter = runAndGetPid("exit");

        assertThat(exit.kernelDied()).isTrue();
        assertThat(exit.error()).hasValueSatisfying(e -> assertThat(e.evalue()).contains("exited with status 1"));
        assertThat(pidAfter).isNotEqualTo(pidBefore);
        assertThat(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
    }

    @Test
    void crashInNativeCodeIsReportedWithItsSignal() {
        RunResult crash = kernels.sessions.run("crash", "import ctypes\nctypes.string_at(0)");

        assertThat(crash.kernelDied()).isTrue();
        assertThat(crash.error()).hasValueSatisfying(e -> assertThat(e.evalue()).contains("SIGSEGV"));
        assertThat(kernels.sessions.run("crash", "'alive'").success()).isTrue();
    }

    @Test
    void fiftyMegabytesOfOutputAreCutToTheCap() {
        RunResult result = kernels.sessions.run("flood",
                "print('x' * 50_000_000)\nimport os\nos.write(1, b'y' * 5_000_000)\nprint('done', flush=True)");

        long cap = kernels.settings.outputCap().toBytes();
        long written = 50_000_001L + 5_000_000L + "done\n".length();
        assertThat(result.success()).isTrue();
        assertThat(result.truncated()).isTrue();
        assertThat(result.stdout()).startsWith("xxxxxxxx")
                .endsWith("\n[output truncated: " + (written - cap) + " bytes omitted]\n")
                .hasSize((int) cap + ("\n[output truncated: " + (written - cap) + " bytes omitted]\n").length());
    }

    @Test
    void plotlyMatplotlibAndDataFramesComeBackAsData() {
        RunResult result = kernels.sessions.run("rich", """
                df = pd.DataFrame({'city': ['a', 'b', 'c'], 'sales': [1.5, 2.5, None]})
                fig = px.bar(df, x='city', y='sales')
                fig.show()
                plt.plot([1, 2, 3])
                plt.show()
                df
                """);

        assertThat(result.success()).isTrue();
        assertThat(result.outputs()).hasSize(3);
        MimeBundle plotly = ((KernelOutput.DisplayData) result.outputs().get(0)).data();
        JsonNode figure = plotly.json(MimeBundle.PLOTLY).orElseThrow();
        assertThat(figure.path("data").get(0).path("type").asString()).isEqualTo("bar");
        assertThat(figure.has("layout")).isTrue();

        MimeBundle image = ((KernelOutput.DisplayData) result.outputs().get(1)).data();
        byte[] png = Base64.getDecoder().decode(image.text(MimeBundle.PNG).orElseThrow());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');

        KernelOutput.ExecuteResult table = (KernelOutput.ExecuteResult) result.outputs().get(2);
        JsonNode resource = table.data().json(MimeBundle.TABLE).orElseThrow();
        assertThat(resource.path("schema").path("fields").findValuesAsString("name")).containsExactly("index", "city", "sales");
        assertThat(resource.path("data")).hasSize(3);
        assertThat(resource.path("data").get(2).path("sales").isNull()).isTrue();
        assertThat(table.data().text(MimeBundle.HTML)).hasValueSatisfying(html -> assertThat(html).contains("<table"));
        assertThat(TestKernels.resultText(kernels.sessions.run("rich", "plt.get_fignums()"))).isEqualTo("[]");
    }

    @Test
    void largeTablesAreSentUpToTheRowLimit() {
        RunResult result = kernels.sessions.run("rows", "pd.DataFrame({'n': range(5000)})");

        JsonNode resource = ((KernelOutput.ExecuteResult) result.outputs().getFirst()).data().json(MimeBundle.TABLE).orElseThrow();
        assertThat(resource.path("data")).hasSize(kernels.settings.tableRows());
        assertThat(resource.path("total_rows").asInt()).isEqualTo(5000);
        assertThat(resource.path("truncated").asBoolean()).isTrue();
    }

    @Test
    void restartGivesAFreshKernel() {
        long before = runAndGetPid("restart");
        kernels.sessions.run("restart", "kept = 1");

        kernels.sessions.restart("restart");
        long after = runAndGetPid("restart");

        assertThat(after).isNotEqualTo(before);
        assertThat(kernels.sessions.run("restart", "kept").error()).isPresent();
    }

    @Test
    void statusReportsTheKernel() {
        kernels.sessions.run("status", "1");
        kernels.sessions.run("status", "2");

        KernelStatus status = kernels.sessions.status("status");

        assertThat(status.alive()).isTrue();
        assertThat(status.pid()).isPositive();
        assertThat(ProcessHandle.of(status.pid())).isPresent();
        assertThat(status.runs()).isEqualTo(2);
        assertThat(status.started()).isBefore(status.lastUsed());
        assertThat(status.residentBytes().orElseThrow()).isGreaterThan(50L << 20);
        assertThat(kernels.sessions.status("never-used").alive()).isFalse();
    }

    @Test
    void runsOfOneSessionAreSerialised() {
        kernels.sessions.run("serial", "import time\nevents = []");
        String code = "events.append('start')\ntime.sleep(0.3)\nevents.append('end')";

        CompletableFuture<RunResult> one = Background.supply(() -> kernels.sessions.run("serial", code));
        CompletableFuture<RunResult> two = Background.supply(() -> kernels.sessions.run("serial", code));
        CompletableFuture.allOf(one, two).join();

        assertThat(kernels.sessions.run("serial", "print(events)").stdout())
                .isEqualTo("['start', 'end', 'start', 'end']\n");
    }

    @Test
    void initializerPreparesEveryReplacementKernel(@TempDir Path otherRoot) {
        AtomicInteger prepared = new AtomicInteger();
        KernelInitializer loadData = (session, dir) -> {
            prepared.incrementAndGet();
            Files.writeString(dir.resolve("data.csv"), "a,b\n1,2\n3,4\n5,6\n");
            return "df = pd.read_csv('data.csv')";
        };
        try (TestKernels own = TestKernels.start(otherRoot, loadData, Clock.systemUTC(), "pool-size", "1")) {
            RunResult first = own.sessions.run("data", "len(df)");
            RunResult loop = own.sessions.run("data", "while True: pass", THREE_SECONDS);
            RunResult afterTimeout = own.sessions.run("data", "int(df['b'].sum())");

            assertThat(TestKernels.resultText(first)).isEqualTo("3");
            assertThat(loop.timedOut()).isTrue();
            assertThat(TestKernels.resultText(afterTimeout)).isEqualTo("12");
            assertThat(afterTimeout.executionCount()).as("setup runs do not count as cells").isEqualTo(1);
            assertThat(prepared).hasValue(2);
        }
    }

    @Test
    void failingSetupIsReportedAndTriedAgain(@TempDir Path otherRoot) {
        AtomicInteger attempts = new AtomicInteger();
        KernelInitializer broken = (session, dir) -> attempts.incrementAndGet() == 1 ? "df = pd.read_csv('missing.csv')" : "df = 1";
        try (TestKernels own = TestKernels.start(otherRoot, broken, Clock.systemUTC())) {
            RunResult failed = own.sessions.run("setup", "print('user code')");
            RunResult retried = own.sessions.run("setup", "df");

            assertThat(failed.success()).isFalse();
            assertThat(failed.stdout()).doesNotContain("user code");
            assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e.ename()).isEqualTo("FileNotFoundError"));
            assertThat(retried.success()).isTrue();
        }
    }

    @Test
    void idleKernelsAreReaped(@TempDir Path otherRoot) {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (TestKernels own = TestKernels.start(otherRoot, new NoKernelSetup(), clock, "idle-timeout", "15m")) {
            own.sessions.run("idle", "1");
            own.sessions.run("busy", "1");
            long pid = own.sessions.status("idle").pid();
            clock.advance(Duration.ofMinutes(10));
            own.sessions.run("busy", "2");
            clock.advance(Duration.ofMinutes(6));

            int reaped = own.sessions.reapIdle();

            assertThat(reaped).isEqualTo(1);
            assertThat(own.sessions.status("idle").alive()).isFalse();
            assertThat(own.sessions.status("busy").alive()).isTrue();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(own.sessions.run("idle", "'back'").success()).isTrue();
        }
    }

    @Test
    void callersBeyondCapacityGetATypedErrorAfterWaitingWhenEveryKernelIsBusy(@TempDir Path otherRoot) throws Exception {
        try (TestKernels own = TestKernels.start(otherRoot, "max-kernels", "1", "acquire-timeout", "1s", "eviction-grace", "0s")) {
            own.sessions.run("first", "1");
            var busy = Background.supply(() -> own.sessions.run("first", "import time\ntime.sleep(4)"));
            while (!own.sessions.status("first").busy()) Thread.sleep(10); // the only kernel is running code
            long started = System.nanoTime();

            assertThatThrownBy(() -> own.sessions.run("second", "1"))
                    .isInstanceOfSatisfying(KernelCapacityExceeded.class,
                            e -> assertThat(e.retryAfter()).isPositive());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));

            assertThat(busy.get(30, java.util.concurrent.TimeUnit.SECONDS).success()).isTrue();
            assertThat(own.sessions.run("second", "1").success()).isTrue();
            assertThat(own.pool.liveCount()).isEqualTo(1);
        }
    }

    @Test
    void atCapacityTheLeastRecentlyUsedIdleKernelMakesRoom(@TempDir Path otherRoot) {
        try (TestKernels own = TestKernels.start(otherRoot, "max-kernels", "2", "pool-size", "0", "acquire-timeout", "1s",
                "eviction-grace", "0s")) {
            own.sessions.run("oldest", "x = 'old'");
            own.sessions.run("recent", "y = 'recent'");
            assertThat(own.sessions.run("newcomer", "print('in')").success()).isTrue();

            assertThat(own.pool.liveCount()).isEqualTo(2);
            assertThat(own.sessions.run("recent", "print(y)").stdout()).contains("recent");
            // the oldest lost its kernel, not its ability to run
            RunResult after = own.sessions.run("oldest", "print('x' in globals())");
            assertThat(after.stdout()).contains("False");
        }
    }

    @Test
    void closingThePoolLeavesNoProcessBehind(@TempDir Path otherRoot) {
        List<Long> pythons = new ArrayList<>();
        List<Long> uids = new ArrayList<>();
        try (TestKernels own = TestKernels.start(otherRoot, "pool-size", "1")) {
            assumeTrue(own.pool.sandboxStatus().separateUsers(), "kernels need their own user ids to be found by uid");
            for (String session : List.of("a", "b")) {
                RunResult started = own.sessions.run(session,
                        "import os, subprocess\nchild = subprocess.Popen(['sleep', '1000'])\nprint(os.getuid())");
                uids.add(Long.parseLong(started.stdout().strip()));
                pythons.add(own.sessions.status(session).pid());
            }
            assertThat(uids).allSatisfy(uid -> assertThat(KernelProcess.processesOfUser(uid)).hasSize(2));
        }
        assertThat(pythons).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("kernel %d", pid).isFalse());
        assertThat(uids).allSatisfy(uid -> assertThat(KernelProcess.processesOfUser(uid)).as("uid %d", uid).isEmpty());
    }

    private long runAndGetPid(String session) {
        RunResult result = kernels.sessions.run(session, "1");
        assertThat(result.success()).isTrue();
        return kernels.sessions.status(session).pid();
    }

    /** A clock the test moves by hand, so idle reaping is tested without waiting. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
