package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What a session sees of its kernel, whichever backend runs it: the same code gives the same
 * outputs, and the limits end the same way. {@link LocalKernelBackendTest} runs it on the local
 * sandboxed kernels, {@link JupyterKernelBackendTest} on kernels of a real Jupyter Server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KernelBackendContract {

    static final RunOptions THREE_SECONDS = new RunOptions(false, Duration.ofSeconds(3));
    /** The session whose kernels are prepared with a dataset, as the dataset feature's initializer does. */
    static final String WITH_DATA = "with-data";

    Path workRoot;
    TestKernels kernels;

    /** Kernels of the backend under test with these {@code autoanalyst.kernel.*} properties. */
    abstract TestKernels start(Path workRoot, KernelInitializer initializer, String... properties) throws Exception;

    @BeforeAll
    void startKernels(@TempDir Path root) throws Exception {
        workRoot = root;
        KernelInitializer loadData = (session, dir) -> {
            if (!session.equals(WITH_DATA)) return "";
            Files.createDirectories(dir.resolve("datasets"));
            Files.writeString(dir.resolve("datasets").resolve("data.csv"), "a,b\n1,2\n3,4\n5,6\n");
            return "df = pd.read_csv('datasets/data.csv')";
        };
        // few kernels alive at once: a session's kernel gives way to the next test's (Jupyter kernels are not small)
        kernels = start(workRoot, loadData, "pool-size", "1", "max-kernels", "3", "eviction-grace", "0s",
                "wall-time-per-run", "60s");
    }

    @AfterAll
    void stopKernels() {
        if (kernels != null) kernels.close();
    }

    @Test
    void variablesSurviveBetweenRunsAndRunsAreCounted() {
        RunResult first = kernels.sessions.run("state", "x = 41");
        RunResult second = kernels.sessions.run("state", "x + 1");

        assertThat(first.success()).isTrue();
        assertThat(second.outputs()).singleElement().isInstanceOf(KernelOutput.ExecuteResult.class);
        assertThat(TestKernels.resultText(second)).isEqualTo("42");
        assertThat(second.executionCount()).isEqualTo(first.executionCount() + 1);
    }

    @Test
    void stdoutAndStderrAreSeparateStreams() {
        RunResult result = kernels.sessions.run("streams", "import sys\nprint('to out')\nprint('to err', file=sys.stderr)\nprint('more')");

        assertThat(result.stdout()).isEqualTo("to out\nmore\n");
        assertThat(result.stderr()).isEqualTo("to err\n");
    }

    @Test
    void anErrorCarriesTheTracebackOfTheUsersCodeOnly() {
        RunResult result = kernels.sessions.run("errors", "a = 1\nb = 0\n\na / b\nprint('not reached')");

        assertThat(result.status()).isEqualTo(RunResult.Status.ERROR);
        KernelOutput.Error error = result.error().orElseThrow();
        assertThat(error.ename()).isEqualTo("ZeroDivisionError");
        assertThat(error.tracebackText()).contains("File \"<cell-1>\", line 4").doesNotContain("kernel.py");
        assertThat(result.stdout()).isEmpty();
    }

    @Test
    void aTimeoutIsReportedAndTheNextRunWorksInAFreshKernel() {
        kernels.sessions.run("loop", "before = 1");

        RunResult loop = kernels.sessions.run("loop", "while True:\n    pass", THREE_SECONDS);
        RunResult next = kernels.sessions.run("loop", "1 + 1");
        RunResult earlier = kernels.sessions.run("loop", "before");

        assertThat(loop.timedOut()).isTrue();
        assertThat(loop.error()).hasValueSatisfying(e -> {
            assertThat(e.ename()).isEqualTo("TimeoutError");
            assertThat(e.evalue()).isEqualTo("The code ran longer than the limit of 3 s and was stopped. The kernel was "
                    + "restarted: variables from earlier runs are gone, and the session's data is loaded again on the next run.");
        });
        assertThat(TestKernels.resultText(next)).isEqualTo("2");
        assertThat(earlier.error()).as("a replaced kernel starts empty")
                .hasValueSatisfying(e -> assertThat(e.ename()).isEqualTo("NameError"));
    }

    @Test
    void aKernelThatDiesIsReportedAndReplacedOnTheNextRun() {
        kernels.sessions.run("exit", "before = 1");

        RunResult exit = kernels.sessions.run("exit", "import os\nos._exit(1)");
        RunResult next = kernels.sessions.run("exit", "'alive' if 'before' not in globals() else 'old state'");

        assertThat(exit.kernelDied()).isTrue();
        assertThat(exit.error()).hasValueSatisfying(e -> {
            assertThat(e.ename()).isEqualTo("KernelDied");
            assertThat(e.evalue()).startsWith("The Python kernel died: ").endsWith(". It was restarted: variables from "
                    + "earlier runs are gone, and the session's data is loaded again on the next run.");
        });
        assertThat(TestKernels.resultText(next)).isEqualTo("'alive'");
    }

    @Test
    void outputBeyondTheCapIsCutWithTheSameNote() {
        RunResult result = kernels.sessions.run("flood", "print('x' * 3_000_000)\nprint('done')");

        long cap = kernels.settings.outputCap().toBytes();
        long written = 3_000_001L + "done\n".length();
        String note = "\n[output truncated: " + (written - cap) + " bytes omitted]\n";
        assertThat(result.success()).isTrue();
        assertThat(result.truncated()).isTrue();
        assertThat(result.stdout()).startsWith("xxxxxxxx").endsWith(note).hasSize((int) cap + note.length());
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

        assertThat(result.success()).as(result.outputs().toString()).isTrue();
        assertThat(result.outputs()).hasSize(3);
        JsonNode figure = ((KernelOutput.DisplayData) result.outputs().get(0)).data().json(MimeBundle.PLOTLY).orElseThrow();
        assertThat(figure.path("data").get(0).path("type").asString()).isEqualTo("bar");
        byte[] png = Base64.getDecoder().decode(((KernelOutput.DisplayData) result.outputs().get(1)).data()
                .text(MimeBundle.PNG).orElseThrow());
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        KernelOutput.ExecuteResult table = (KernelOutput.ExecuteResult) result.outputs().get(2);
        JsonNode resource = table.data().json(MimeBundle.TABLE).orElseThrow();
        assertThat(resource.path("schema").path("fields").findValuesAsString("name")).containsExactly("index", "city", "sales");
        assertThat(resource.path("data").get(2).path("sales").isNull()).isTrue();
    }

    @Test
    void aPrintedFrameIsATableWhenTheRunAsksForIt() {
        RunResult result = kernels.sessions.run("tables", "print(pd.DataFrame({'n': [1, 2]}))\nprint('text')",
                new RunOptions(true, null));

        assertThat(result.outputs()).first().isInstanceOfSatisfying(KernelOutput.DisplayData.class,
                d -> assertThat(d.data().has(MimeBundle.TABLE)).isTrue());
        assertThat(result.stdout()).isEqualTo("text\n");
    }

    @Test
    void plotlysUseOfNpBoolWorksOnThisNumpy() {
        RunResult result = kernels.sessions.run("heatmap", "px.imshow(pd.DataFrame({'a': [1, 2, 3], 'b': [3, 1, 2]}).corr()).show()");

        assertThat(result.success()).as(result.outputs().toString()).isTrue();
        assertThat(result.outputs()).singleElement().isInstanceOfSatisfying(KernelOutput.DisplayData.class,
                d -> assertThat(d.data().has(MimeBundle.PLOTLY)).isTrue());
    }

    @Test
    void restartClearsVariables() {
        kernels.sessions.run("restart", "kept = 1");

        kernels.sessions.restart("restart");
        RunResult after = kernels.sessions.run("restart", "kept");

        assertThat(after.error()).hasValueSatisfying(e -> assertThat(e.ename()).isEqualTo("NameError"));
        assertThat(after.executionCount()).as("a fresh kernel counts from one").isEqualTo(1);
    }

    @Test
    void sessionsDoNotSeeEachOthersVariables() {
        kernels.sessions.run("alice", "secret = 'alice only'");

        RunResult bob = kernels.sessions.run("bob", "secret");

        assertThat(bob.error()).hasValueSatisfying(e -> assertThat(e.ename()).isEqualTo("NameError"));
    }

    @Test
    void aSessionsDatasetIsLoadedBeforeItsFirstRun() {
        RunResult result = kernels.sessions.run(WITH_DATA, "int(df['b'].sum())");

        assertThat(TestKernels.resultText(result)).isEqualTo("12");
        assertThat(result.executionCount()).as("loading the data is not a cell").isEqualTo(1);
    }
}
