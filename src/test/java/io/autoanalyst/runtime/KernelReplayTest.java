package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's state rebuilt in a new kernel from its recorded runs, on real kernels, with the
 * database placement replaced by one in memory that tests can move "to another instance".
 */
class KernelReplayTest {

    @TempDir
    static Path workRoot;
    static TestKernels kernels;
    static SessionKernels sessions;
    static final InMemoryPlacement placement = new InMemoryPlacement();

    @BeforeAll
    static void startKernels() {
        kernels = TestKernels.start(workRoot, "pool-size", "1", "wall-time-per-run", "30s");
        sessions = new SessionKernels(kernels.pool, new NoKernelSetup(), placement, kernels.settings, Clock.systemUTC());
    }

    @AfterAll
    static void stopKernels() {
        sessions.close();
        kernels.close();
    }

    /** What the database keeps, kept in a map; {@link #movedElsewhere} is what another instance would leave behind. */
    static final class InMemoryPlacement implements KernelPlacement {
        final Map<String, List<String>> runs = new ConcurrentHashMap<>();
        final Map<String, String> tokens = new ConcurrentHashMap<>();

        @Override
        public String claim(String sessionId, String heldToken) {
            if (heldToken != null && heldToken.equals(tokens.get(sessionId))) return heldToken;
            String token = UUID.randomUUID().toString();
            tokens.put(sessionId, token);
            return token;
        }

        @Override
        public synchronized void recordRun(String sessionId, String code) {
            runs.computeIfAbsent(sessionId, s -> new ArrayList<>()).add(code);
        }

        @Override
        public synchronized List<String> runsToReplay(String sessionId) {
            return List.copyOf(runs.getOrDefault(sessionId, List.of()));
        }

        @Override
        public synchronized void discardState(String sessionId) {
            runs.remove(sessionId);
            tokens.remove(sessionId);
        }

        @Override
        public String instanceId() {
            return "this";
        }

        synchronized void movedElsewhere(String sessionId, List<String> recorded) {
            tokens.put(sessionId, "held-by-another-instance");
            runs.put(sessionId, new ArrayList<>(recorded));
        }
    }

    private static String plainNotes(RunResult result) {
        StringBuilder text = new StringBuilder();
        for (KernelOutput output : result.outputs()) {
            if (output instanceof KernelOutput.DisplayData display) display.data().text(MimeBundle.PLAIN).ifPresent(text::append);
        }
        return text.toString();
    }

    @Test
    void successfulRunsAreRecordedInOrderAndFailedOnesAreNot() {
        sessions.run("recorded", "a = 1");
        sessions.run("recorded", "1 / 0");
        sessions.run("recorded", "a += 1");

        assertThat(placement.runsToReplay("recorded")).containsExactly("a = 1", "a += 1");
    }

    @Test
    void aSessionWhoseKernelMovedAwayDropsItsStaleKernelAndReplaysTheRecordedRunsInOrder() {
        sessions.run("moved", "v = 1");
        placement.movedElsewhere("moved", List.of("v = 1", "v = v * 10", "v = v + 5"));

        RunResult result = sessions.run("moved", "v");

        assertThat(TestKernels.resultText(result)).isEqualTo("15");
        assertThat(plainNotes(result)).as("nothing to report when every run replays").isEmpty();
    }

    @Test
    void aRunThatFailsWhenReplayedIsReportedAndTheOthersStillRebuildTheState() {
        placement.movedElsewhere("partly", List.of("p = 1", "q = undefined_name", "r = p + 1"));

        RunResult result = sessions.run("partly", "r");

        assertThat(TestKernels.resultText(result)).isEqualTo("2");
        assertThat(plainNotes(result)).contains("1 of them failed").contains("earlier run 2 of 3 failed when run again (NameError");
    }

    @Test
    void aReplayThatKillsTheKernelSaysTheStateIsGoneAndDoesNotRunTheCode() {
        placement.movedElsewhere("doomed", List.of("import os\nos._exit(3)"));

        RunResult result = sessions.run("doomed", "print('should not run')");
        RunResult next = sessions.run("doomed", "1 + 1");

        assertThat(result.status()).isEqualTo(RunResult.Status.KERNEL_DIED);
        assertThat(result.stdout()).doesNotContain("should not run");
        assertThat(result.error()).hasValueSatisfying(e -> assertThat(e.ename()).isEqualTo("KernelStateLost"));
        assertThat(TestKernels.resultText(next)).as("a fresh kernel, not another failed replay").isEqualTo("2");
    }

    @Test
    void aTimeoutDiscardsTheStateTheUserWasToldIsGone() {
        sessions.run("timeout", "before = 1");

        RunResult loop = sessions.run("timeout", "while True:\n    pass", new RunOptions(false, Duration.ofSeconds(2)));
        RunResult after = sessions.run("timeout", "'before' in globals()");

        assertThat(loop.timedOut()).isTrue();
        assertThat(TestKernels.resultText(after)).isEqualTo("False");
        assertThat(placement.runsToReplay("timeout")).containsExactly("'before' in globals()");
    }

    @Test
    void aKernelThatDiedBetweenRunsIsReplacedOnceWithoutReplayingWhatDiedWithIt() throws Exception {
        sessions.run("died", "k = 1");
        ProcessHandle python = ProcessHandle.of(sessions.status("died").pid()).orElseThrow();
        python.destroyForcibly();
        python.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);

        sessions.run("died", "m = 2");
        long replacement = sessions.status("died").pid();
        RunResult after = sessions.run("died", "('k' in globals(), m)");

        assertThat(TestKernels.resultText(after)).isEqualTo("(False, 2)");
        assertThat(sessions.status("died").pid()).as("the replacement kept, not taken for stale").isEqualTo(replacement);
    }

    @Test
    void aRestartDiscardsTheRecordedRuns() {
        sessions.run("restarted", "w = 1");

        sessions.restart("restarted");

        assertThat(placement.runsToReplay("restarted")).isEmpty();
    }
}
