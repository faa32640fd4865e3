package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session kernel on a Jupyter kernel service. When it starts, the server's own kernel code
 * (kernel.py, the same file the local kernels run) is loaded into the Jupyter kernel, which then runs
 * the session's code exactly as a local kernel does: one namespace, the same capture and caps of
 * stdout/stderr and rich output, the same display hooks (Plotly figures as data, matplotlib as PNG,
 * DataFrames as tables, {@code print_tables}), tracebacks, execution counts and the np.bool shim.
 * Each request of the kernel protocol travels as a cell that hands it to kernel.py; the response
 * comes back as one display_data. So the session's outputs do not depend on the backend; only
 * the limits the server cannot apply from afar do: no rlimits, no per-run CPU limit, no network
 * guard, no process sweep, no memory numbers (those are the service's, see docs/scaling.md).
 *
 * <p>A run over its wall time is interrupted and the kernel deleted (a local kernel is killed): the
 * session gets a fresh one on its next run, as locally. A kernel that dies (the service reports it
 * restarting) or whose channel closes ends its run as died and is replaced the same way.
 */
final class JupyterKernel implements Kernel {

    private static final Logger log = LoggerFactory.getLogger(JupyterKernel.class);
    /** kernel.py's REPLY_MIME: the one MIME type of the display_data that carries a response. */
    static final String REPLY_MIME = "application/x-autoanalyst-reply";
    /** The module name kernel.py is loaded under inside the Jupyter kernel. */
    private static final String MODULE = "autoanalyst_kernel";

    private final String id;
    private final int slot;
    private final KernelDirectory directory;
    private final JupyterKernelClient client;
    private final JsonMapper json;
    private final Instant started = Instant.now();
    private final WrittenFiles files;
    private final AtomicLong nextRequestId = new AtomicLong();
    private volatile boolean killed;
    /** Why the server stopped this kernel, when it was one of its limits; said instead of "stopped by the server". */
    private volatile String stopReason;

    private JupyterKernel(String id, int slot, KernelDirectory directory, JupyterKernelClient client, JsonMapper json) {
        this.id = id;
        this.slot = slot;
        this.directory = directory;
        this.client = client;
        this.json = json;
        this.files = new WrittenFiles(directory.root(), id);
    }

    /**
     * Loads kernel.py into the freshly started Jupyter kernel behind {@code client} and waits for its
     * "ready" message; on failure the remote kernel is deleted.
     *
     * @param kernelSource     kernel.py's text
     * @param workingDirectory the kernel's working directory as the kernel's host sees it
     * @param kernelArgs       kernel.py's command-line options (caps, table rows)
     */
    static JupyterKernel start(String id, int slot, KernelDirectory directory, JupyterKernelClient client, String kernelSource,
                               String workingDirectory, List<String> kernelArgs, Duration startTimeout, JsonMapper json) {
        JupyterKernel kernel = new JupyterKernel(id, slot, directory, client, json);
        try {
            kernel.awaitReady(kernelSource, workingDirectory, kernelArgs, startTimeout);
            return kernel;
        } catch (RuntimeException e) {
            kernel.kill();
            throw e;
        }
    }

    private void awaitReady(String kernelSource, String workingDirectory, List<String> kernelArgs, Duration startTimeout) {
        String arguments = json.writeValueAsString(List.of(kernelArgs, workingDirectory));
        // The source travels as base64 and is compiled under the path the sandbox mounts it at, so
        // kernel.py recognises its own frames in tracebacks and drops them, as it does locally.
        String setup = "import base64, json, sys, types\n"
                + "_autoanalyst = types.ModuleType('" + MODULE + "')\n"
                + "_autoanalyst.__file__ = '" + Sandbox.KERNEL_SCRIPT_IN_SANDBOX + "'\n"
                + "exec(compile(base64.b64decode('" + base64(kernelSource) + "').decode('utf-8'), _autoanalyst.__file__, 'exec'),"
                + " _autoanalyst.__dict__)\n"
                + "sys.modules['" + MODULE + "'] = _autoanalyst\n"
                + "_autoanalyst.host = _autoanalyst.host_in_jupyter(*json.loads(base64.b64decode('" + base64(arguments) + "')))\n"
                + "del _autoanalyst\n";
        AtomicReference<JsonNode> ready = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        JupyterKernelClient.Execution execution = client.execute(setup, startTimeout, message -> {
            JsonNode reply = replyIn(message);
            if (reply != null) ready.set(reply);
            if ("error".equals(message.path("msg_type").asString(""))) {
                error.set(message.path("content").path("ename").asString("") + ": " + message.path("content").path("evalue").asString(""));
            }
        });
        switch (execution) {
            case JupyterKernelClient.Execution.Done done -> {
                JsonNode message = ready.get();
                if (message == null) {
                    throw new KernelUnavailable("The Jupyter kernel could not load the server's kernel code ("
                            + (error.get() != null ? error.get() : "no answer") + "); the kernel must be a Python 3 kernel ("
                            + "autoanalyst.kernel.jupyter.kernel-name)");
                }
                String warmupError = message.path("warmup_error").asString("");
                if (!warmupError.isEmpty()) {
                    throw new KernelUnavailable("The Jupyter kernel cannot import the analysis packages (" + warmupError
                            + "). Its image or environment needs pandas, numpy, plotly, matplotlib, seaborn, scipy, "
                            + "scikit-learn, statsmodels and openpyxl, as the local kernels have");
                }
                log.debug("kernel {} ready on the Jupyter service as {}, warm-up {} ms", id, client.kernelId(),
                        message.path("warmup_ms").asDouble());
            }
            case JupyterKernelClient.Execution.TimedOut timedOut ->
                    throw new KernelUnavailable("The Jupyter kernel did not start within " + startTimeout.toSeconds() + " s");
            case JupyterKernelClient.Execution.Died(String description) ->
                    throw new KernelUnavailable("The Jupyter kernel ended while starting: " + description);
        }
    }

    @Override
    public KernelReply request(ObjectNode request, Duration timeout) {
        requireNonNull(request, "request");
        long requestId = nextRequestId.incrementAndGet();
        request.put("id", requestId);
        if (!isAlive()) return died(client.lostReason());
        String cell = "__import__('" + MODULE + "').host.answer('" + base64(json.writeValueAsString(request)) + "')";
        AtomicReference<JsonNode> answer = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        JupyterKernelClient.Execution execution = client.execute(cell, timeout, message -> {
            JsonNode reply = replyIn(message);
            if (reply != null && reply.path("id").asLong(-1) == requestId) answer.set(reply);
            if ("error".equals(message.path("msg_type").asString(""))) {
                error.set(message.path("content").path("ename").asString("") + ": " + message.path("content").path("evalue").asString(""));
            }
        });
        return switch (execution) {
            case JupyterKernelClient.Execution.Done done -> {
                if (answer.get() != null) yield new KernelReply.Answered(answer.get());
                // kernel.py answers every request, even for code that fails: without an answer, what the
                // server loaded into the kernel is gone (the service restarted it before we heard)
                log.info("kernel {} ({} on the Jupyter service) gave no answer: {}", id, client.kernelId(), error.get());
                kill();
                yield died("the kernel lost its state (the Jupyter kernel service restarted it)");
            }
            case JupyterKernelClient.Execution.TimedOut(boolean interrupted) -> {
                log.debug("kernel {}: run over {} s {} by the interrupt; deleting it", id, timeout.toSeconds(),
                        interrupted ? "ended" : "not ended");
                kill();
                yield new KernelReply.TimedOut(timeout);
            }
            case JupyterKernelClient.Execution.Died(String description) -> {
                kill();
                yield died(description);
            }
        };
    }

    private KernelReply died(String description) {
        if (stopReason != null) return new KernelReply.Died(stopReason);
        return new KernelReply.Died(description != null ? description : "the kernel was stopped by the server");
    }

    /** The protocol response a display_data message carries, or null when it is not one. */
    private JsonNode replyIn(JsonNode message) {
        if (!"display_data".equals(message.path("msg_type").asString(""))) return null;
        JsonNode text = message.path("content").path("data").path(REPLY_MIME);
        if (!text.isString()) return null;
        try {
            return json.readTree(text.asString());
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean isAlive() {
        return !killed && client.isAlive();
    }

    @Override
    public void stop(String reason) {
        stopReason = requireNonNull(reason, "reason");
        kill();
    }

    /** Deletes the kernel on the service (which ends its process); a run waiting on it ends as died. */
    @Override
    public void kill() {
        killed = true;
        client.close();
    }

    /** Processes on the kernel's host are the service's business (a pod's or container's limits). */
    @Override
    public int endStrays() {
        return 0;
    }

    @Override
    public void markGivenFiles() {
        files.markGiven();
    }

    /** What the code wrote into the kernel's working directory, which the server sees through the shared folder. */
    @Override
    public long writtenBytes() {
        return files.writtenBytes();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int slot() {
        return slot;
    }

    @Override
    public KernelDirectory directory() {
        return directory;
    }

    @Override
    public Instant started() {
        return started;
    }

    /** Not known: the kernel's process lives on another host. */
    @Override
    public long pythonPid() {
        return 0;
    }

    /** Not known: the Jupyter API does not report a kernel's memory. */
    @Override
    public OptionalLong residentBytes() {
        return OptionalLong.empty();
    }
}
