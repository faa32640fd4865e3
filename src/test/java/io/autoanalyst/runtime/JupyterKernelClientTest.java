package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Jupyter kernel backend's client against a real Jupyter Server (Debian's {@code
 * python3-jupyter-server} and {@code python3-ipykernel}, which {@code ./analyst} installs as test
 * packages), started here on loopback with a token. Skipped, saying so, where they are missing.
 */
class JupyterKernelClientTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final long OUTPUT_CAP = 1 << 20;

    @TempDir
    static Path root;
    static Process server;
    static URI base;
    static final String TOKEN = UUID.randomUUID().toString();
    static JupyterKernelClient kernel;

    @BeforeAll
    static void startJupyterServer() throws Exception {
        boolean installed = new ProcessBuilder(PYTHON, "-c", "import jupyter_server, ipykernel").start().waitFor() == 0;
        assumeTrue(installed, "Jupyter Server tests skipped: install python3-jupyter-server and python3-ipykernel "
                + "(./analyst setup installs them as test packages)");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = new ProcessBuilder(PYTHON, "-m", "jupyter_server", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
                "--ServerApp.port=" + port, "--ServerApp.port_retries=0", "--ServerApp.token=" + TOKEN,
                "--ServerApp.root_dir=" + root)
                .redirectErrorStream(true).redirectOutput(root.resolve("jupyter.log").toFile()).start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                HttpResponse<String> status = http.send(HttpRequest.newBuilder(base.resolve("api/status"))
                        .header("Authorization", "token " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
                if (status.statusCode() == 200) break;
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline || !server.isAlive()) {
                throw new IllegalStateException("Jupyter Server did not start: " + Files.readString(root.resolve("jupyter.log")));
            }
            Thread.sleep(200);
        }
        kernel = JupyterKernelClient.start(base, TOKEN, "python3");
    }

    @AfterAll
    static void stopJupyterServer() {
        if (kernel != null) kernel.close();
        if (server != null) server.destroy();
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
        assertThatThrownBy(() -> JupyterKernelClient.start(base, "wrong-token", "python3"))
                .isInstanceOf(KernelUnavailable.class).hasMessageContaining("refused the token");
    }
}
