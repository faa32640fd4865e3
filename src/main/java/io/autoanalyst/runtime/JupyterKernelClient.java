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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
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
 * <p>This is the transport of the Jupyter kernel backend ({@code autoanalyst.kernel.backend=jupyter}):
 * {@link JupyterKernel} runs the server's own kernel code (kernel.py) inside the Jupyter kernel and
 * sends it the same requests as a local kernel through {@link #execute}, so sessions get the same
 * outputs on both backends. {@link #run} is the plain Jupyter way, IPython's own outputs read into
 * {@link KernelOutput}s with a stream cap, for a kernel nobody prepared.
 *
 * <p>Limits: a run over its wall time is interrupted ({@code /interrupt}); {@link #run} restarts the
 * kernel if the interrupt does not end it, the backend deletes the kernel either way (a timeout costs
 * the session its variables, as locally). A kernel process that dies is seen through the service's
 * {@code restarting}/{@code dead} status message or the channel closing: the run ends at once as
 * died. A message larger than {@code maxMessageBytes} ends the connection rather than fill the
 * server's heap. The sandbox (no network, nothing but the session's files, memory and CPU limits) is
 * the service's job here: see docs/scaling.md.
 */
public final class JupyterKernelClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JupyterKernelClient.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int DELETE_ATTEMPTS = 20;
    /** How long an interrupted run has to end before the kernel counts as not responding. */
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(5);

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final String kernelId;
    private final JsonMapper json;
    private final long maxMessageBytes;
    private final String clientSession = UUID.randomUUID().toString();
    private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WebSocket socket;
    /** Why the kernel is gone (died, disconnected, shut down), once it is. */
    private volatile String lost;

    private sealed interface Inbound {
        record Message(JsonNode message) implements Inbound {}

        record Lost(String why) implements Inbound {}
    }

    /** How one {@link #execute} ended. */
    sealed interface Execution {
        /** The kernel answered and went idle; {@code reply} is the execute_reply's content. */
        record Done(JsonNode reply) implements Execution {}

        /** The wall time ran out; the run was interrupted, and ended within the grace if {@code interrupted}. */
        record TimedOut(boolean interrupted) implements Execution {}

        /** The kernel process ended or the connection to it was lost. */
        record Died(String description) implements Execution {}
    }

    private JupyterKernelClient(HttpClient http, URI base, String token, String kernelId, JsonMapper json, long maxMessageBytes) {
        this.http = http;
        this.base = base;
        this.token = token;
        this.kernelId = kernelId;
        this.json = json;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Starts a kernel of {@code kernelName} (for example {@code python3}) on the service at
     * {@code base} and connects to its channels.
     *
     * @param json reads and writes the messages (the kernel protocol's mapper, which reads NaN)
     * @throws KernelUnavailable when the service refuses (a wrong token: 403) or cannot be reached
     */
    public static JupyterKernelClient start(URI base, String token, String kernelName, JsonMapper json, long maxMessageBytes) {
        requireNonNull(base, "base");
        requireNonNull(token, "token");
        requireNonNull(kernelName, "kernelName");
        requireNonNull(json, "json");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", kernelName);
        JsonNode kernel = send(http, json, token, HttpRequest.newBuilder(base.resolve("api/kernels"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
        JupyterKernelClient client = new JupyterKernelClient(http, base, token, kernel.path("id").asString(), json, maxMessageBytes);
        try {
            client.connect();
        } catch (KernelUnavailable e) {
            client.close();
            throw e;
        }
        return client;
    }

    /**
     * Checks that the service answers with this token and has the kernel spec {@code kernelName};
     * the message of the exception says what is wrong.
     *
     * @throws KernelUnavailable when it is unreachable, refuses the token or lacks the kernel spec
     */
    static void checkService(URI base, String token, String kernelName, JsonMapper json) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode specs = send(http, json, token, HttpRequest.newBuilder(base.resolve("api/kernelspecs")).GET());
        if (!specs.path("kernelspecs").has(kernelName)) {
            List<String> names = new ArrayList<>(specs.path("kernelspecs").propertyNames());
            throw new KernelUnavailable("the Jupyter kernel service has no kernel named '" + kernelName + "' (it has "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
        }
    }

    public String kernelId() {
        return kernelId;
    }

    /** The connection is up and the service has not said the kernel died. */
    public boolean isAlive() {
        WebSocket ws = socket;
        return lost == null && ws != null && !ws.isInputClosed();
    }

    /** Why the kernel is gone, or null while it is alive. */
    String lostReason() {
        return lost;
    }

    /**
     * Sends {@code code} in an execute_request and hands every message that answers it (streams,
     * display data, results, errors) to {@code output}, until the execute_reply has come and the
     * kernel is idle again.
     */
    Execution execute(String code, Duration wallTime, Consumer<JsonNode> output) {
        requireNonNull(code, "code");
        requireNonNull(output, "output");
        inbox.clear(); // nothing of an earlier run is read as this one's; a loss is kept in `lost`
        if (lost != null) return new Execution.Died(lost);
        String msgId = UUID.randomUUID().toString();
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        content.put("code", code);
        content.put("silent", false);
        content.put("store_history", false);
        content.set("user_expressions", JsonNodeFactory.instance.objectNode());
        content.put("allow_stdin", false);
        // one cell at a time: with stop_on_error, ipykernel aborts a request that follows a failed one too
        // closely (the next run was answered "aborted" without running)
        content.put("stop_on_error", false);
        try {
            socket.sendText(json.writeValueAsString(message("execute_request", msgId, content)), true).join();
        } catch (RuntimeException e) {
            return new Execution.Died(markLost("the connection to the Jupyter kernel service failed: " + e.getMessage()));
        }
        boolean idle = false;
        JsonNode reply = null;
        Instant deadline = Instant.now().plus(wallTime);
        try {
            while (!idle || reply == null) {
                Inbound inbound = poll(Duration.between(Instant.now(), deadline));
                if (inbound == null) return new Execution.TimedOut(interruptAndWait(msgId));
                if (inbound instanceof Inbound.Lost(String why)) return new Execution.Died(why);
                JsonNode message = ((Inbound.Message) inbound).message();
                String type = typeOf(message);
                if (!msgId.equals(message.path("parent_header").path("msg_id").asString(""))) continue;
                JsonNode body = message.path("content");
                switch (type) {
                    case "execute_reply" -> reply = body;
                    case "status" -> idle = "idle".equals(body.path("execution_state").asString(""));
                    default -> output.accept(message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Execution.Died("the server interrupted the run; the kernel was stopped");
        }
        return new Execution.Done(reply);
    }

    /**
     * Runs {@code code} the plain Jupyter way: IPython's own outputs, streams capped at {@code
     * outputCapBytes}; errors in it, timeouts and kernel deaths are results, as with local kernels.
     */
    public RunResult run(String code, Duration wallTime, long outputCapBytes) {
        requireNonNull(code, "code");
        long started = System.nanoTime();
        List<KernelOutput> outputs = new ArrayList<>();
        long[] streamed = {0};
        boolean[] truncated = {false};
        Execution execution = execute(code, wallTime, message -> {
            String type = typeOf(message);
            JsonNode body = message.path("content");
            switch (type) {
                case "stream" -> {
                    String text = body.path("text").asString("");
                    long bytes = text.getBytes(StandardCharsets.UTF_8).length;
                    if (streamed[0] + bytes > outputCapBytes) {
                        if (!truncated[0]) outputs.add(new KernelOutput.Stream(body.path("name").asString("stdout"),
                                "\n[output truncated: more than " + outputCapBytes + " bytes]\n"));
                        truncated[0] = true;
                    } else {
                        outputs.add(new KernelOutput.Stream(body.path("name").asString("stdout"), text));
                    }
                    streamed[0] += bytes;
                }
                case "display_data", "execute_result", "error" -> {
                    ObjectNode nbformat = ((ObjectNode) body).deepCopy();
                    nbformat.put("output_type", type);
                    outputs.add(KernelOutput.fromNbformat(nbformat));
                }
                default -> { } // execute_input, clear_output, comm messages: nothing a run result shows
            }
        });
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        return switch (execution) {
            case Execution.Done(JsonNode reply) -> new RunResult(outputs,
                    "ok".equals(reply.path("status").asString("")) ? RunResult.Status.OK : RunResult.Status.ERROR,
                    reply.path("execution_count").asInt(0), truncated[0], elapsed);
            case Execution.TimedOut(boolean interrupted) -> {
                String what;
                if (interrupted) {
                    what = "The code was interrupted; the kernel kept its variables.";
                } else {
                    restart();
                    what = "The kernel did not respond to an interrupt and was restarted: variables from earlier runs are gone.";
                }
                outputs.add(new KernelOutput.Error("TimeoutError", "The code ran longer than the limit of "
                        + wallTime.toSeconds() + " s and was stopped. " + what, List.of()));
                yield new RunResult(outputs, RunResult.Status.TIMED_OUT, 0, false, elapsed);
            }
            case Execution.Died(String description) -> {
                outputs.add(new KernelOutput.Error("KernelDied", "The Python kernel died: " + description + ".", List.of()));
                yield new RunResult(outputs, RunResult.Status.KERNEL_DIED, 0, false, elapsed);
            }
        };
    }

    /** Interrupts what the kernel runs now (SIGINT for ipykernel). */
    public void interrupt() {
        send(http, json, token, HttpRequest.newBuilder(base.resolve("api/kernels/" + kernelId + "/interrupt"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** Restarts the kernel: its variables are gone. */
    public void restart() {
        send(http, json, token, HttpRequest.newBuilder(base.resolve("api/kernels/" + kernelId + "/restart"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        WebSocket old = socket;
        if (old != null) old.abort();
        connect();
        inbox.clear();
        lost = null;
    }

    /** Shuts the kernel down on the service (deletes it); idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        markLost("the kernel was shut down");
        WebSocket ws = socket;
        if (ws != null) ws.abort();
        // A kernel that just died is being restarted by the service, which can refuse the delete
        // meanwhile: tried again for a while, else it would run on, unseen by the pool.
        String failure = null;
        for (int attempt = 0; attempt < DELETE_ATTEMPTS; attempt++) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(base.resolve("api/kernels/" + kernelId))
                        .header("Authorization", "token " + token).timeout(REQUEST_TIMEOUT).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2 || response.statusCode() == 404) return;
                failure = "HTTP " + response.statusCode();
                log.debug("deleting kernel {}: {}, trying again", kernelId, failure);
            } catch (IOException e) {
                failure = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted";
                break;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.warn("could not delete kernel {} on the Jupyter kernel service at {}: {}", kernelId, base, failure);
    }

    /** After the wall time: interrupts the run and says whether it ended within the grace. */
    private boolean interruptAndWait(String msgId) throws InterruptedException {
        try {
            interrupt();
        } catch (KernelUnavailable e) {
            return false;
        }
        Instant grace = Instant.now().plus(INTERRUPT_GRACE);
        while (true) {
            Inbound inbound = poll(Duration.between(Instant.now(), grace));
            if (inbound == null || inbound instanceof Inbound.Lost) return false;
            JsonNode message = ((Inbound.Message) inbound).message();
            if (msgId.equals(message.path("parent_header").path("msg_id").asString(""))
                    && "status".equals(typeOf(message))
                    && "idle".equals(message.path("content").path("execution_state").asString(""))) {
                return true;
            }
        }
    }

    private Inbound poll(Duration wait) throws InterruptedException {
        if (wait.isNegative() || wait.isZero()) return null;
        return inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private String markLost(String why) {
        if (lost == null) lost = why;
        inbox.add(new Inbound.Lost(lost));
        return lost;
    }

    private static String typeOf(JsonNode message) {
        return message.path("msg_type").asString(message.path("header").path("msg_type").asString(""));
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelUnavailable("interrupted while connecting to the kernel's channels");
        } catch (Exception e) {
            throw new KernelUnavailable("cannot connect to the kernel's channels at " + base + ": " + e.getMessage());
        }
    }

    /** Collects whole text messages (a frame may carry part of one) into the inbox; sees the kernel die. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (partial.length() > maxMessageBytes) {
                // Reading on would let a kernel fill the server's heap.
                partial.setLength(0);
                markLost("the kernel sent a message larger than " + maxMessageBytes + " bytes and was stopped");
                webSocket.abort();
                return null;
            }
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    JsonNode message = json.readTree(text);
                    String state = message.path("content").path("execution_state").asString("");
                    if ("status".equals(typeOf(message)) && ("restarting".equals(state) || "dead".equals(state))) {
                        // The service saw the kernel process end (it restarts it with nothing in it).
                        markLost("the kernel process ended (the Jupyter kernel service reported it " + state + ")");
                    } else {
                        inbox.add(new Inbound.Message(message));
                    }
                } catch (JacksonException e) {
                    // not a message: skipped, as the local channel skips lines that are not JSON
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            markLost("the Jupyter kernel service closed the kernel's channel (" + statusCode
                    + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            markLost("the connection to the Jupyter kernel service failed: " + error.getMessage());
        }
    }

    private static JsonNode send(HttpClient http, JsonMapper json, String token, HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.header("Authorization", "token " + token).header("Content-Type", "application/json")
                    .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new KernelUnavailable("the Jupyter kernel service cannot be reached (" + (e.getMessage() != null ? e.getMessage()
                    : e.getClass().getSimpleName()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelUnavailable("interrupted while calling the Jupyter kernel service");
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new KernelUnavailable("the Jupyter kernel service refused the token (HTTP " + response.statusCode() + ")");
        }
        if (response.statusCode() / 100 != 2) {
            throw new KernelUnavailable("the Jupyter kernel service answered HTTP " + response.statusCode());
        }
        String body = response.body();
        try {
            return body == null || body.isBlank() ? JsonNodeFactory.instance.objectNode() : json.readTree(body);
        } catch (JacksonException e) {
            throw new KernelUnavailable("the Jupyter kernel service answered something that is not JSON (is "
                    + "autoanalyst.kernel.jupyter.url the service's base URL?)");
        }
    }
}
