package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jupyter kernel backend's client against a real Jupyter Server ({@link JupyterTestServer}), the
 * plain Jupyter way ({@link JupyterKernelClient#run}). Skipped, saying so, where it is not installed.
 */
class JupyterKernelClientTest {

    private static final long OUTPUT_CAP = 1 << 20;

    @TempDir
    static Path root;
    static JupyterTestServer server;
    static JupyterKernelClient kernel;

    @BeforeAll
    static void startJupyterServer() throws Exception {
        assumeTrue(JupyterTestServer.installed(), JupyterTestServer.MISSING);
        server = JupyterTestServer.start(root);
        kernel = JupyterKernelClient.start(server.url(), server.token(), "python3", KernelLauncher.protocolJson(), 64 << 20);
    }

    @AfterAll
    static void stopJupyterServer() {
        if (kernel != null) kernel.close();
        if (server != null) server.close();
    }

    @Test
    void variablesSurviveBetweenRunsAndValuesComeBackAsMimeBundles() {
        assertThat(kernel.run("x = 41", Duration.ofSeconds(60), OUTPUT_CAP).success()).isTrue();

        RunResult result = kernel.run("x + 1", Duration.ofSeconds(60), OUTPUT_CAP);

        assertThat(result.success()).isTrue();
        assertThat(TestKernels.resultText(result)).isEqualTo("42");
    }

    @Test
    void streamsDisplayDataAndErrorsHaveTheProductsShapes() {
        RunResult shown = kernel.run("print('to stdout')\nfrom IPython.display import display, HTML\ndisplay(HTML('<b>bold</b>'))",
                Duration.ofSeconds(60), OUTPUT_CAP);
        RunResult failed = kernel.run("1 / 0", Duration.ofSeconds(60), OUTPUT_CAP);

        assertThat(shown.stdout()).contains("to stdout");
        assertThat(shown.outputs()).anySatisfy(o -> assertThat(o).isInstanceOfSatisfying(KernelOutput.DisplayData.class,
                d -> assertThat(d.data().text(MimeBundle.HTML)).hasValue("<b>bold</b>")));
        assertThat(failed.status()).isEqualTo(RunResult.Status.ERROR);
        assertThat(failed.error()).hasValueSatisfying(e -> assertThat(e.ename()).isEqualTo("ZeroDivisionError"));
    }

    @Test
    void aRunOverItsWallTimeIsInterruptedAndTheKernelKeepsWorking() {
        kernel.run("kept = 'yes'", Duration.ofSeconds(60), OUTPUT_CAP);

        RunResult slow = kernel.run("import time\ntime.sleep(120)", Duration.ofSeconds(2), OUTPUT_CAP);
        RunResult after = kernel.run("kept", Duration.ofSeconds(60), OUTPUT_CAP);

        assertThat(slow.timedOut()).isTrue();
        assertThat(slow.error()).hasValueSatisfying(e -> assertThat(e.ename()).isEqualTo("TimeoutError"));
        assertThat(TestKernels.resultText(after)).isEqualTo("'yes'");
    }

    @Test
    void outputBeyondTheCapIsCutWithANote() {
        RunResult result = kernel.run("print('y' * 5000)", Duration.ofSeconds(60), 1000);

        assertThat(result.truncated()).isTrue();
        assertThat(result.stdout()).contains("output truncated").doesNotContain("y".repeat(2000));
    }

    @Test
    void aWrongTokenIsRefusedClearly() {
        assertThatThrownBy(() -> JupyterKernelClient.start(server.url(), "wrong-token", "python3", KernelLauncher.protocolJson(), 64 << 20))
                .isInstanceOf(KernelUnavailable.class).hasMessageContaining("refused the token");
    }
}
