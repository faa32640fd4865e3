package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One kernel on a Jupyter kernel service: Jupyter Server's REST API ({@code /api/kernels}) to start,
 * interrupt, restart and delete it, and the kernel messaging protocol (v5) over the server's
 * WebSocket channel to run code. Jupyter Enterprise Gateway speaks the same API and places the
 * kernel on Kubernetes or YARN.
 *
 * <p>Outputs arrive as the same nbformat shapes as the local kernels' ({@link KernelOutput}), with
 * the same limits: a run over its wall time is interrupted (then the kernel restarted if the
 * interrupt does not end it) and reported as a timeout; stream output beyond the cap is dropped
 * with a note. The sandbox (no network, nothing but the session's files) is the service's job here:
 * see docs/scaling.md.
 *
 * <p>The first step towards a second kernel backend: {@link SessionKernels} does not use it yet.
 */
public final class JupyterKernelClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final String kernelId;
    private final String clientSession = UUID.randomUUID().toString();
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private volatile WebSocket socket;

    private JupyterKernelClient(HttpClient http, URI base, String token, String kernelId) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.kernelId = kernelId;
    }

    /**
     * Starts a kernel of {@code kernelName} (for example {@code python3}) on the service at
     * {@code base} and connects to its channels.
     *
     * @throws KernelUnavailable when the service refuses (a wrong token: 403) or cannot be reached
     */
    public static JupyterKernelClient start(URI base, String token, String kernelName) {
        requireNonNull(base, "base");
        requireNonNull(token, "token");
        requireNonNull(kernelName, "kernelName");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", kernelName);
        JsonNode kernel = send(http, token, HttpRequest.newBuilder(base.resolve("api/kernels"))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), 201);
        JupyterKernelClient client = new JupyterKernelClient(http, base, token, kernel.path("id").asString());
        client.connect();
        return client;
    }

    public String kernelId() {
        return kernelId;
    }

    /** Runs {@code code}; errors in it, timeouts and kernel deaths are results, as with local kernels. */
    public RunResult run(String code, Duration wallTime, long outputCapBytes) {
        requireNonNull(code, "code");
        long started = System.nanoTime();
        String msgId = UUID.randomUUID().toString();
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("code", code);
        content.put("silent", false);
        content.put("store_history", true);
        content.set("user_expressions", JsonNodeFactory.instance.objectNode());
        content.put("allow_stdin", false);
        content.put("stop_on_error", true);
        messages.clear();
        socket.sendText(JSON.writeValueAsString(message("execute_request", msgId, content)), true).join();

        List<KernelOutput> outputs = new ArrayList<>();
        long streamed = 0;
        boolean truncated = false;
        boolean idle = false;
        JsonNode reply = null;
        Instant deadline = Instant.now().plus(wallTime);
        while (!idle || reply == null) {
            JsonNode message = poll(Duration.between(Instant.now(), deadline));
            if (message == null) return timedOut(msgId, outputs, wallTime, started);
            if (!msgId.equals(message.path("parent_header").path("msg_id").asString(""))) continue;
            String type = message.path("msg_type").asString(message.path("header").path("msg_type").asString(""));
            JsonNode body = message.path("content");
            switch (type) {
                case "execute_reply" -> reply = body;
                case "status" -> idle = "idle".equals(body.path("execution_state").asString(""));
                case "stream" -> {
                    String text = body.path("text").asString("");
                    long bytes = text.getBytes(StandardCharsets.UTF_8).length;
                    if (streamed + bytes > outputCapBytes) {
                        if (!truncated) outputs.add(new KernelOutput.Stream(body.path("name").asString("stdout"),
                                "\n[output truncated: more than " + outputCapBytes + " bytes]\n"));
                        truncated = true;
                    } else {
                        outputs.add(new KernelOutput.Stream(body.path("name").asString("stdout"), text));
                    }
                    streamed += bytes;
                }
                case "display_data", "execute_result", "error" -> {
                    ObjectNode nbformat = ((ObjectNode) body).deepCopy();
                    nbformat.put("output_type", type);
                    outputs.add(KernelOutput.fromNbformat(nbformat));
                }
                default -> { } // execute_input, clear_output, comm messages: nothing a run result shows
            }
        }
        RunResult.Status status = "ok".equals(reply.path("status").asString("")) ? RunResult.Status.OK : RunResult.Status.ERROR;
        return new RunResult(outputs, status, reply.path("execution_count").asInt(0), truncated,
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** Restarts the kernel: its variables are gone. */
    public void restart() {
        send(http, token, HttpRequest.newBuilder(base.resolve("api/kernels/" + kernelId + "/restart"))
                .POST(HttpRequest.BodyPublishers.noBody()), 200);
        reconnect();
    }

    /** Shuts the kernel down on the service. */
    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null) ws.abort();
        try {
            send(http, token, HttpRequest.newBuilder(base.resolve("api/kernels/" + kernelId)).DELETE(), 204);
        } catch (KernelUnavailable ignored) {
            // already gone with the service
        }
    }

    private RunResult timedOut(String msgId, List<KernelOutput> outputs, Duration wallTime, long started) {
        send(http, token, HttpRequest.newBuilder(base.resolve("api/kernels/" + kernelId + "/interrupt"))
                .POST(HttpRequest.BodyPublishers.noBody()), 204);
        boolean stopped = false;
        Instant grace = Instant.now().plusSeconds(5);
        while (!stopped) {
            JsonNode message = poll(Duration.between(Instant.now(), grace));
            if (message == null) break;
            stopped = msgId.equals(message.path("parent_header").path("msg_id").asString(""))
                    && "status".equals(message.path("msg_type").asString(""))
                    && "idle".equals(message.path("content").path("execution_state").asString(""));
        }
        String what;
        if (stopped) {
            what = "The code was interrupted; the kernel kept its variables.";
        } else {
            restart();
            what = "The kernel did not respond to an interrupt and was restarted: variables from earlier runs are gone.";
        }
        List<KernelOutput> all = new ArrayList<>(outputs);
        all.add(new KernelOutput.Error("TimeoutError", "The code ran longer than the limit of " + wallTime.toSeconds()
                + " s and was stopped. " + what, List.of()));
        return new RunResult(all, RunResult.Status.TIMED_OUT, 0, false, Duration.ofNanos(System.nanoTime() - started));
    }

    private JsonNode poll(Duration wait) {
        if (wait.isNegative() || wait.isZero()) return null;
        try {
            return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private ObjectNode message(String type, String msgId, JsonNode content) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("msg_id", msgId);
        header.put("username", "autoanalyst");
        header.put("session", clientSession);
        header.put("msg_type", type);
        header.put("version", "5.3");
        header.put("date", Instant.now().toString());
        ObjectNode message = JsonNodeFactory.instance.objectNode();
        message.set("header", header);
        message.set("parent_header", JsonNodeFactory.instance.objectNode());
        message.set("metadata", JsonNodeFactory.instance.objectNode());
        message.set("content", content);
        message.put("channel", "shell");
        return message;
    }

    private void connect() {
        String scheme = "https".equals(base.getScheme()) ? "wss" : "ws";
        URI channels = URI.create(scheme + "://" + base.getRawAuthority() + base.getRawPath() + "api/kernels/" + kernelId
                + "/channels?session_id=" + clientSession);
        try {
            socket = http.newWebSocketBuilder().header("Authorization", "token " + token).connectTimeout(REQUEST_TIMEOUT)
                    .buildAsync(channels, new Listener()).get(REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new KernelUnavailable("cannot connect to the kernel's channels at " + base + ": " + e.getMessage());
        }
    }

    private void reconnect() {
        WebSocket old = socket;
        if (old != null) old.abort();
        connect();
    }

    /** Collects whole text messages (a frame may carry part of one) into the queue. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private static JsonNode send(HttpClient http, String token, HttpRequest.Builder request, int expected) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Authorization", "token " + token).header("Content-Type", "application/json")
                    .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KernelUnavailable("the Jupyter kernel service cannot be reached: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelUnavailable("interrupted while calling the Jupyter kernel service");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new KernelUnavailable("the Jupyter kernel service refused the token (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() != expected && response.statusCode() / 100 != 2) {
            throw new KernelUnavailable("the Jupyter kernel service answered HTTP " + response.statusCode());
        }
        String body = response.body();
        return body == null || body.isBlank() ? JsonNodeFactory.instance.objectNode() : JSON.readTree(body);
    }
}
