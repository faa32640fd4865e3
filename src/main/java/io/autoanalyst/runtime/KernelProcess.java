package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One running kernel: the process (bubblewrap or Python), its JSON-lines channel and its directory.
 *
 * <p>The kernel's stdout is read on its own thread into a queue, so a caller waits on the queue
 * with its deadline and a hung or silent kernel can never hold a server thread past the limit.
 * A kernel that times out, floods the channel or dies is killed with everything it started.
 */
public final class KernelProcess implements Kernel {

    private static final Logger log = LoggerFactory.getLogger(KernelProcess.class);
    private static final int STDERR_TAIL_BYTES = 8192;

    private sealed interface Inbound {
        record Line(JsonNode message) implements Inbound {}

        record Closed() implements Inbound {}
    }

    private final String id;
    private final Process process;
    private final KernelDirectory directory;
    private final int slot;
    private final long uid;
    private final Instant started;
    private final JsonMapper json;
    private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
    private final AtomicLong nextRequestId = new AtomicLong();
    private final Object writeLock = new Object();
    private final StderrTail stderrTail = new StderrTail();
    private volatile long pythonPid;
    private volatile String brokenProtocol;
    private volatile boolean killed;
    /** Why the server stopped this kernel, when it was one of its limits; said instead of "stopped by the server". */
    private volatile String stopReason;
    /** What the kernel's code wrote into its directory, beside the files it was given. */
    private final WrittenFiles files;

    private KernelProcess(String id, Process process, KernelDirectory directory, int slot, long uid, JsonMapper json) {
        this.id = id;
        this.process = process;
        this.directory = directory;
        this.slot = slot;
        this.uid = uid;
        this.json = json;
        this.started = Instant.now();
        this.pythonPid = process.pid();
        this.files = new WrittenFiles(directory.root(), id);
    }

    /**
     * Starts the kernel and waits for its "ready" line, which it sends after the warm-up imports.
     *
     * @param uid the kernel's own user id, or -1 when it shares the server's (then no sweep by user id on kill)
     */
    static KernelProcess start(String id, List<String> command, Map<String, String> environment, KernelDirectory directory,
                               Path workingDirectory, int slot, long uid, long maxMessageBytes, Duration startTimeout,
                               JsonMapper json) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new KernelUnavailable("Could not start a Python kernel (" + command.getFirst() + "): " + e.getMessage(), e);
        }
        KernelProcess kernel = new KernelProcess(id, process, directory, slot, uid, json);
        kernel.startReaders(maxMessageBytes);
        kernel.awaitReady(startTimeout);
        return kernel;
    }

    private void startReaders(long maxMessageBytes) {
        Thread.ofPlatform().daemon().name("kernel-" + id + "-out").start(() -> readMessages(maxMessageBytes));
        Thread.ofPlatform().daemon().name("kernel-" + id + "-err").start(this::readStderr);
    }

    private void awaitReady(Duration startTimeout) {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        try {
            while (true) {
                Inbound inbound = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (inbound == null) {
                    kill();
                    throw new KernelUnavailable("Python kernel did not start within " + startTimeout.toSeconds()
                            + " s" + stderrSuffix());
                }
                if (inbound instanceof Inbound.Closed) {
                    awaitExit();
                    throw new KernelUnavailable("Python kernel exited while starting: " + exitDescription());
                }
                JsonNode message = ((Inbound.Line) inbound).message();
                if (!"ready".equals(message.path("op").asString(""))) continue;
                String warmupError = message.path("warmup_error").asString("");
                if (!warmupError.isEmpty()) {
                    kill();
                    throw new KernelUnavailable("The Python kernel cannot import the analysis packages (" + warmupError
                            + "). Install them with `apt-get install python3-pandas python3-numpy python3-plotly "
                            + "python3-matplotlib python3-seaborn python3-scipy python3-sklearn python3-statsmodels "
                            + "python3-openpyxl` or point autoanalyst.kernel.python at an interpreter that has them");
                }
                pythonPid = findPythonPid();
                log.debug("kernel {} ready: pid {}, python pid {}, warm-up {} ms", id, process.pid(), pythonPid,
                        message.path("warmup_ms").asDouble());
                return;
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new KernelUnavailable("interrupted while starting a kernel", e);
        }
    }

    /**
     * Sends one request and waits for its answer. On timeout the kernel is killed; lines that do
     * not answer this request (stray output from a tampered channel) are skipped.
     */
    @Override
    public KernelReply request(ObjectNode request, Duration timeout) {
        requireNonNull(request, "request");
        long requestId = nextRequestId.incrementAndGet();
        request.put("id", requestId);
        if (!isAlive()) return died();
        try {
            byte[] line = json.writeValueAsBytes(request);
            synchronized (writeLock) {
                OutputStream stdin = process.getOutputStream();
                stdin.write(line);
                stdin.write('\n');
                stdin.flush();
            }
        } catch (IOException | JacksonException e) {
            return died();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Inbound inbound = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (inbound == null) {
                    kill();
                    return new KernelReply.TimedOut(timeout);
                }
                if (inbound instanceof Inbound.Closed) {
                    inbox.offer(inbound); // later callers must see the end too
                    return died();
                }
                JsonNode message = ((Inbound.Line) inbound).message();
                if (message.path("id").asLong(-1) == requestId) return new KernelReply.Answered(message);
                log.debug("kernel {}: skipping a line that answers no pending request", id);
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            return new KernelReply.Died("the server interrupted the run; the kernel was stopped");
        }
    }

    private KernelReply died() {
        awaitExit();
        return new KernelReply.Died(exitDescription());
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** Why the process is gone, in words a user can act on. */
    String exitDescription() {
        if (stopReason != null) return stopReason;
        if (brokenProtocol != null) return brokenProtocol;
        if (process.isAlive()) return "the kernel stopped answering" + stderrSuffix();
        int status = process.exitValue();
        String what;
        if (killed) {
            what = "the kernel was stopped by the server";
        } else if (status > 128 && status < 128 + 65) {
            what = "the kernel was killed by " + signalDescription(status - 128);
        } else {
            what = "the kernel exited with status " + status;
        }
        return what + stderrSuffix();
    }

    private static String signalDescription(int signal) {
        return switch (signal) {
            case 9 -> "SIGKILL (the kernel's CPU-time limit or the system running out of memory)";
            case 11 -> "SIGSEGV (a crash in native code, often an allocation failing under the memory limit)";
            case 6 -> "SIGABRT (native code aborted, often an allocation failing under the memory limit)";
            case 24 -> "SIGXCPU (the kernel's CPU-time limit)";
            case 25 -> "SIGXFSZ (the file-size limit)";
            case 15 -> "SIGTERM";
            default -> "signal " + signal;
        };
    }

    private String stderrSuffix() {
        String tail = stderrTail.text().strip();
        if (tail.isEmpty()) return "";
        String[] lines = tail.split("\n");
        int from = Math.max(0, lines.length - 5);
        return "; last kernel messages: " + String.join(" | ", List.of(lines).subList(from, lines.length));
    }

    /** Kills the kernel because it went over one of the server's limits; {@code reason} is what the user is told. */
    @Override
    public void stop(String reason) {
        stopReason = requireNonNull(reason, "reason");
        kill();
    }

    /**
     * Kills what the kernel's code started and left running after its run (a process in a new
     * session keeps burning CPU, and may raise its own CPU limit, after the run returned): every
     * process of the kernel's user id but the interpreter, or without a user id of its own, the
     * interpreter's descendants.
     *
     * @return how many processes were killed
     */
    @Override
    public int endStrays() {
        long interpreter = pythonPid;
        List<ProcessHandle> strays = uid >= 0
                ? processesOfUser(uid).stream().filter(p -> p.pid() != interpreter).toList()
                : ProcessHandle.of(interpreter).map(p -> p.descendants().toList()).orElse(List.of());
        strays.forEach(ProcessHandle::destroyForcibly);
        return strays.size();
    }

    @Override
    public void markGivenFiles() {
        files.markGiven();
    }

    /** Bytes of the files the kernel's code wrote into its directory, each file once however many links it has. */
    @Override
    public long writtenBytes() {
        return files.writtenBytes();
    }

    /** Kills the kernel and everything it started; idempotent. */
    @Override
    public void kill() {
        killed = true;
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        if (uid >= 0) sweepUser();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Kills every process still running as this kernel's user id. Under bubblewrap the pid
     * namespace already ends with its first process; without it, a process that detached
     * itself (double fork) is no longer a descendant and is found by its user id instead.
     */
    private void sweepUser() {
        for (int round = 0; round < 50; round++) {
            List<ProcessHandle> left = processesOfUser(uid);
            if (left.isEmpty()) return;
            left.forEach(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn("kernel {}: processes of uid {} survive the kill", id, uid);
    }

    /** Live processes whose real user id is {@code uid}, read from /proc. */
    static List<ProcessHandle> processesOfUser(long uid) {
        List<ProcessHandle> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) continue;
                try {
                    for (String line : Files.readAllLines(entry.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            if (Long.parseLong(line.substring(4).trim().split("\\s+")[0]) == uid) {
                                ProcessHandle.of(Long.parseLong(name)).ifPresent(found::add);
                            }
                            break;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            log.debug("cannot list /proc: {}", e.toString());
        }
        return found;
    }

    @Override
    public boolean isAlive() {
        return !killed && brokenProtocol == null && process.isAlive();
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

    /** Host pid of the Python interpreter (a descendant of bubblewrap when sandboxed). */
    @Override
    public long pythonPid() {
        return pythonPid;
    }

    /** Resident memory of the interpreter, read from /proc; empty once it is gone. */
    @Override
    public OptionalLong residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pythonPid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(6).trim().split("\\s+")[0]) * 1024);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or /proc not readable
        }
        return OptionalLong.empty();
    }

    private long findPythonPid() {
        Optional<ProcessHandle> python = process.descendants()
                .filter(p -> p.info().command().map(c -> c.contains("python")).orElse(false))
                .min(Comparator.comparing((ProcessHandle p) -> p.info().startInstant().orElse(Instant.MAX))
                        .thenComparingLong(ProcessHandle::pid));
        return python.map(ProcessHandle::pid).orElse(process.pid());
    }

    private void readMessages(long maxMessageBytes) {
        byte[] buffer = new byte[1 << 16];
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] != '\n') continue;
                    line.write(buffer, start, i - start);
                    deliver(line.toByteArray());
                    line.reset();
                    start = i + 1;
                }
                line.write(buffer, start, n - start);
                if (line.size() > maxMessageBytes) {
                    // Reading on would let a kernel fill the server's heap.
                    brokenProtocol = "the kernel sent a message larger than " + maxMessageBytes + " bytes and was stopped";
                    log.warn("kernel {}: {}", id, brokenProtocol);
                    kill();
                    break;
                }
            }
        } catch (IOException e) {
            log.debug("kernel {}: channel closed: {}", id, e.toString());
        } finally {
            inbox.offer(new Inbound.Closed());
        }
    }

    private void deliver(byte[] line) {
        if (line.length == 0) return;
        try {
            inbox.offer(new Inbound.Line(json.readTree(line)));
        } catch (JacksonException e) {
            log.debug("kernel {}: ignoring a line that is not JSON", id);
        }
    }

    private void readStderr() {
        byte[] buffer = new byte[4096];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buffer)) > 0) stderrTail.append(buffer, n);
        } catch (IOException e) {
            // process gone
        }
    }

    /** The last few KB the kernel process wrote to its own stderr (bubblewrap or interpreter failures). */
    private static final class StderrTail {
        private final byte[] tail = new byte[STDERR_TAIL_BYTES];
        private int length;

        synchronized void append(byte[] data, int n) {
            if (n >= tail.length) {
                System.arraycopy(data, n - tail.length, tail, 0, tail.length);
                length = tail.length;
                return;
            }
            int keep = Math.min(length, tail.length - n);
            System.arraycopy(tail, length - keep, tail, 0, keep);
            System.arraycopy(data, 0, tail, keep, n);
            length = keep + n;
        }

        synchronized String text() {
            return new String(tail, 0, length, StandardCharsets.UTF_8);
        }
    }
}
