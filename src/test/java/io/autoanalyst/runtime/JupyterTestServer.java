package io.autoanalyst.runtime;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Jupyter Server for tests: Debian's {@code python3-jupyter-server} with {@code python3-ipykernel}
 * (which {@code ./analyst test}, and so {@code .ci/run}, installs as test packages), started as a child
 * process on loopback with a random token. Tests call {@link #installed()} first and skip, saying
 * so, where the packages are missing.
 */
public final class JupyterTestServer implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";
    public static final String MISSING = "Jupyter Server tests skipped: install python3-jupyter-server and python3-ipykernel "
            + "(./analyst test installs them as test packages)";

    private final Process process;
    private final URI base;
    private final String token = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newHttpClient();

    private JupyterTestServer(Path root) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = root.resolve("jupyter.log");
        process = new ProcessBuilder(PYTHON, "-m", "jupyter_server", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1",
                "--ServerApp.port=" + port, "--ServerApp.port_retries=0", "--ServerApp.token=" + token,
                "--ServerApp.root_dir=" + root)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        base = URI.create("http://127.0.0.1:" + port + "/");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            try {
                if (get("api/status").statusCode() == 200) break;
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroy();
                throw new IllegalStateException("Jupyter Server did not start: " + Files.readString(log));
            }
            Thread.sleep(200);
        }
    }

    /** Whether Debian's jupyter-server and ipykernel are installed for the kernel's Python. */
    public static boolean installed() throws IOException, InterruptedException {
        return new ProcessBuilder(PYTHON, "-c", "import jupyter_server, ipykernel").start().waitFor() == 0;
    }

    /** Starts a server whose root (and log) is {@code root}; waits until it answers. */
    public static JupyterTestServer start(Path root) throws IOException, InterruptedException {
        return new JupyterTestServer(root);
    }

    public URI url() {
        return base;
    }

    public String token() {
        return token;
    }

    /** The ids of the kernels the server has now. */
    public java.util.List<String> kernelIds() throws IOException, InterruptedException {
        JsonNode kernels = JsonMapper.builder().build().readTree(get("api/kernels").body());
        return kernels.valueStream().map(k -> k.path("id").asString()).toList();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "token " + token).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
