package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kernels of analysis sessions: what other features call to run code.
 *
 * <p>One kernel per session key, taken from the pool on first use and kept between runs like a
 * notebook kernel. Runs of one session are serialised; different sessions run in parallel. A
 * kernel that timed out, died, was restarted or reaped is replaced on the next run, and the
 * {@link KernelInitializer} prepares the replacement before the session's code runs. Kernels come
 * from the {@link KernelPool}, local processes or kernels on a Jupyter service ({@link Kernel}); what
 * this class does with them is the same for both.
 */
public final class SessionKernels implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionKernels.class);

    private final KernelPool pool;
    private final KernelInitializer initializer;
    private final KernelPlacement placement;
    private final KernelSettings settings;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;

    private static final class Session {
        final ReentrantLock lock = new ReentrantLock(true);
        volatile Kernel kernel;
        volatile Instant lastUsed;
        volatile long runs;
        /** Code of the session is running in its kernel now (the limits watchdog looks only at those). */
        volatile boolean running;
        boolean retired; // guarded by lock
        /** The kernel lease this instance holds for the session (see {@link KernelPlacement#claim}); guarded by lock. */
        String leaseToken;

        Session(Instant now) {
            lastUsed = now;
        }
    }

    public SessionKernels(KernelPool pool, KernelInitializer initializer, KernelSettings settings, Clock clock) {
        this(pool, initializer, KernelPlacement.LOCAL, settings, clock);
    }

    /**
     * @param placement where the session's kernel lives among server instances, and the runs that
     *                  rebuild its state on another one
     */
    public SessionKernels(KernelPool pool, KernelInitializer initializer, KernelPlacement placement, KernelSettings settings,
                          Clock clock) {
        this.pool = requireNonNull(pool, "pool");
        this.initializer = requireNonNull(initializer, "initializer");
        this.placement = requireNonNull(placement, "placement");
        this.settings = requireNonNull(settings, "settings");
        this.clock = requireNonNull(clock, "clock");
        this.reaper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("kernel-reaper").factory());
        long period = Math.max(1_000, Math.min(settings.idleTimeout().toMillis() / 4, 60_000));
        reaper.scheduleWithFixedDelay(this::reapQuietly, period, period, TimeUnit.MILLISECONDS);
        reaper.scheduleWithFixedDelay(this::enforceLimitsQuietly, LIMITS_PERIOD_MILLIS, LIMITS_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** How often running kernels are checked against the disk quota and the memory budget. */
    private static final long LIMITS_PERIOD_MILLIS = 1_000;

    private static final String SCRATCH = "::scratch";

    /**
     * The key of a throw-away kernel beside a session's own (to try code without touching the
     * session's state). An initializer sees it and prepares it for {@link #sessionOf(String)}.
     */
    public static String scratchKey(String sessionId) {
        return sessionId + SCRATCH;
    }

    /** The session a kernel key belongs to: itself, or the session of a scratch key. */
    public static String sessionOf(String key) {
        return key.endsWith(SCRATCH) ? key.substring(0, key.length() - SCRATCH.length()) : key;
    }

    /** Runs code in the session's kernel, starting (and preparing) one if it has none. */
    public RunResult run(String sessionKey, String code) {
        return run(sessionKey, code, RunOptions.DEFAULTS);
    }

    /**
     * Runs code in the session's kernel. Errors in the code, timeouts and kernel deaths are
     * results, not exceptions.
     *
     * @throws KernelCapacityExceeded when the session needs a kernel and none comes free in time
     * @throws KernelUnavailable      when kernels cannot be started here
     */
    public RunResult run(String sessionKey, String code, RunOptions options) {
        requireNonNull(sessionKey, "sessionKey");
        requireNonNull(code, "code");
        requireNonNull(options, "options");
        long started = System.nanoTime();
        boolean ownState = sessionOf(sessionKey).equals(sessionKey); // a scratch kernel's state is thrown away
        Session session = lockSession(sessionKey);
        try {
            List<KernelOutput> replayNotes = List.of();
            if (ownState) {
                String token = placement.claim(sessionKey, session.leaseToken);
                if (!token.equals(session.leaseToken)) {
                    if (session.kernel != null) {
                        // another instance served the session since: its state is newer than this kernel's
                        log.info("session kernel {} is stale (the session's kernel moved to another instance)", session.kernel.id());
                        releaseKernel(session);
                    }
                    session.leaseToken = token;
                }
            }
            if (session.kernel != null && !session.kernel.isAlive()) {
                // stopped by the limits watchdog or crashed between runs: a rebuild could hit the same limit again
                releaseKernel(session);
                if (ownState) {
                    placement.discardState(sessionKey);
                    session.leaseToken = placement.claim(sessionKey, null); // else the next run would take the new kernel for stale
                }
            }
            if (session.kernel == null) {
                Kernel fresh = pool.acquire(options.queueListener(), () -> evictLeastRecentlyUsedIdle(session));
                session.kernel = fresh;
                RunResult failedSetup = setUp(sessionKey, session, fresh, started);
                if (failedSetup != null) return failedSetup;
                fresh.markGivenFiles();
                if (ownState) {
                    Replay replay = replay(sessionKey, fresh);
                    replayNotes = replay.notes();
                    if (!fresh.isAlive()) {
                        placement.discardState(sessionKey);
                        releaseKernel(session);
                        List<KernelOutput> outputs = new ArrayList<>(replayNotes);
                        outputs.add(note("The code was not run; run it again in the fresh kernel."));
                        return new RunResult(outputs, RunResult.Status.KERNEL_DIED, 0, false, elapsedSince(started));
                    }
                }
            }
            Duration wallTime = options.wallTime() != null ? options.wallTime() : settings.wallTimePerRun();
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            request.put("op", "run");
            request.put("code", code);
            request.put("print_tables", options.printTables());
            session.running = true;
            KernelReply reply;
            try {
                reply = session.kernel.request(request, wallTime);
            } finally {
                session.running = false;
            }
            session.runs++;
            RunResult result = withinLimits(session.kernel, toResult(reply, replayNotes, started), started);
            if (result.timedOut() || result.kernelDied()) {
                log.info("session kernel {} replaced: {}", session.kernel.id(), result.status());
                pool.release(session.kernel);
                session.kernel = null;
                if (ownState) placement.discardState(sessionKey);
            } else if (ownState && result.success()) {
                try {
                    placement.recordRun(sessionKey, code);
                } catch (RuntimeException e) {
                    // the run happened: its result goes back; only a rebuild elsewhere would miss it
                    log.warn("recording a run of session {} for replay failed: {}", sessionKey, e.getMessage());
                }
            }
            return result;
        } finally {
            session.lastUsed = clock.instant();
            session.lock.unlock();
        }
    }

    /** Stops the session's kernel; the next run starts a fresh one (datasets loaded again, variables gone). */
    public void restart(String sessionKey) {
        requireNonNull(sessionKey, "sessionKey");
        Session session = lockSession(sessionKey);
        try {
            releaseKernel(session);
            placement.discardState(sessionKey);
        } finally {
            session.lastUsed = clock.instant();
            session.lock.unlock();
        }
    }

    /** Ends the session: stops its kernel and forgets it. */
    public void shutdown(String sessionKey) {
        requireNonNull(sessionKey, "sessionKey");
        Session session = lockSession(sessionKey);
        try {
            releaseKernel(session);
            placement.discardState(sessionKey);
            session.retired = true;
            sessions.remove(sessionKey, session);
        } finally {
            session.lock.unlock();
        }
    }

    /** The session's kernel now; does not wait for a running run. */
    public KernelStatus status(String sessionKey) {
        Session session = sessions.get(requireNonNull(sessionKey, "sessionKey"));
        if (session == null) return new KernelStatus(false, 0, null, null, 0, OptionalLong.empty(), false, pool.queuedCount());
        Kernel kernel = session.kernel;
        boolean alive = kernel != null && kernel.isAlive();
        return new KernelStatus(alive, alive ? kernel.pythonPid() : 0, kernel != null ? kernel.started() : null,
                session.runs > 0 ? session.lastUsed : null, session.runs,
                alive ? kernel.residentBytes() : OptionalLong.empty(), session.running, pool.queuedCount());
    }

    /** Sessions that currently have a live kernel. */
    public int activeKernels() {
        return (int) sessions.values().stream().filter(s -> s.kernel != null && s.kernel.isAlive()).count();
    }

    /**
     * Stops the kernels of sessions unused for {@code idleTimeout} and forgets those sessions;
     * a busy session is never touched. Runs on a schedule; callable directly.
     *
     * @return how many kernels were stopped
     */
    public int reapIdle() {
        Instant cutoff = clock.instant().minus(settings.idleTimeout());
        int reaped = 0;
        for (Map.Entry<String, Session> entry : sessions.entrySet()) {
            Session session = entry.getValue();
            if (!session.lastUsed.isBefore(cutoff) || !session.lock.tryLock()) continue;
            try {
                if (session.retired || !session.lastUsed.isBefore(cutoff)) continue;
                if (session.kernel != null) reaped++;
                releaseKernel(session);
                // An idle reap does not keep the state for a replay: see docs/scaling.md ("When a kernel is rebuilt").
                discardQuietly(entry.getKey());
                session.retired = true;
                sessions.remove(entry.getKey(), session);
            } finally {
                session.lock.unlock();
            }
        }
        if (reaped > 0) log.info("stopped {} idle session kernel(s)", reaped);
        return reaped;
    }

    /** Stops reaping and every session's kernel. */
    @Override
    public void close() {
        reaper.shutdownNow();
        for (Session session : sessions.values()) {
            Kernel kernel = session.kernel;
            session.kernel = null;
            if (kernel != null) pool.release(kernel);
        }
        sessions.clear();
    }

    /**
     * At capacity, an idle session's kernel gives way to the first request in the kernel queue: the
     * least recently used one that is not running anything, and was not used within the eviction
     * grace, is stopped. Its session keeps its
     * datasets (the next run starts a fresh kernel and loads them again) but loses its variables.
     * Only when every kernel is busy does a caller wait, and then get {@link KernelCapacityExceeded}.
     */
    private void evictLeastRecentlyUsedIdle(Session requester) {
        // a kernel used a moment ago most likely serves the next question of its session right away
        Instant graceCutoff = clock.instant().minus(settings.evictionGrace());
        List<Map.Entry<String, Session>> idle = sessions.entrySet().stream()
                .filter(e -> e.getValue() != requester && e.getValue().kernel != null)
                .filter(e -> e.getValue().lastUsed.isBefore(graceCutoff))
                .sorted(Comparator.comparing(e -> e.getValue().lastUsed))
                .toList();
        for (Map.Entry<String, Session> candidate : idle) {
            Session other = candidate.getValue();
            if (!other.lock.tryLock()) continue; // running right now
            try {
                if (other.kernel == null) continue;
                log.info("session kernel {} stopped to make room (least recently used)", other.kernel.id());
                releaseKernel(other);
                discardQuietly(candidate.getKey());
                return;
            } finally {
                other.lock.unlock();
            }
        }
    }

    private Session lockSession(String sessionKey) {
        while (true) {
            Session session = sessions.computeIfAbsent(sessionKey, key -> new Session(clock.instant()));
            session.lock.lock();
            // The reaper or shutdown may have retired this entry while we waited for its lock.
            if (!session.retired) return session;
            session.lock.unlock();
        }
    }

    private void releaseKernel(Session session) {
        Kernel kernel = session.kernel;
        session.kernel = null;
        if (kernel != null) pool.release(kernel);
    }

    /**
     * After a run: what its code left running is killed, and a kernel whose files went over the disk
     * quota is stopped (with them) and reported instead of the run's own result.
     */
    private RunResult withinLimits(Kernel kernel, RunResult result, long started) {
        if (!kernel.isAlive()) return result;
        int strays = kernel.endStrays();
        if (strays > 0) log.info("kernel {}: ended {} process(es) its code left running", kernel.id(), strays);
        long written = kernel.writtenBytes();
        if (written <= settings.diskQuota().toBytes()) return result;
        String reason = diskQuotaReason(written);
        kernel.stop(reason);
        List<KernelOutput> outputs = new ArrayList<>(result.outputs());
        outputs.add(new KernelOutput.Error("DiskQuotaExceeded", "The kernel was stopped: " + reason
                + ". Variables from earlier runs are gone; the session's data is loaded again on the next run.", List.of()));
        return new RunResult(outputs, RunResult.Status.KERNEL_DIED, result.executionCount(), result.truncated(), elapsedSince(started));
    }

    private String diskQuotaReason(long written) {
        return "the session's code wrote " + (written >> 20) + " MB of files, over the disk quota of "
                + settings.diskQuota().toMegabytes() + " MB (the files were removed)";
    }

    /**
     * The watchdog: a running kernel that writes past the disk quota is stopped; when all kernels
     * together use more memory than the budget, the running one using the most is stopped (or, with
     * none running, the idle one using the most) before the machine has to swap.
     */
    void enforceLimits() {
        long budget = settings.memoryBudgetBytes();
        long total = pool.residentBytes();
        Candidate running = null;
        Candidate any = null;
        for (Session session : sessions.values()) {
            Kernel kernel = session.kernel;
            if (kernel == null || !kernel.isAlive()) continue;
            if (session.running) {
                long written = kernel.writtenBytes();
                if (written > settings.diskQuota().toBytes()) {
                    log.info("kernel {} stopped: {} MB written, over the disk quota", kernel.id(), written >> 20);
                    kernel.stop(diskQuotaReason(written));
                    continue;
                }
            }
            if (total <= budget) continue;
            Candidate candidate = new Candidate(kernel, kernel.residentBytes().orElse(0));
            if (any == null || candidate.bytes() > any.bytes()) any = candidate;
            if (session.running && (running == null || candidate.bytes() > running.bytes())) running = candidate;
        }
        Candidate victim = running != null ? running : any;
        Kernel largest = victim == null ? null : victim.kernel();
        long largestBytes = victim == null ? 0 : victim.bytes();
        if (total > budget && largest != null) {
            log.warn("kernels use {} MB, over the memory budget of {} MB: stopping kernel {} ({} MB)", total >> 20,
                    budget >> 20, largest.id(), largestBytes >> 20);
            largest.stop("the Python kernels together used " + (total >> 20) + " MB, over the server's memory budget of "
                    + (budget >> 20) + " MB, and this kernel used the most (" + (largestBytes >> 20) + " MB), so the server "
                    + "stopped it (work on a sample or fewer columns to use less memory)");
        }
    }

    private record Candidate(Kernel kernel, long bytes) {
    }

    private void enforceLimitsQuietly() {
        try {
            enforceLimits();
        } catch (RuntimeException e) {
            log.warn("checking kernel limits failed", e);
        }
    }

    /** Prepares a fresh kernel; returns the failed run's result if preparing it failed, else null. */
    private RunResult setUp(String sessionKey, Session session, Kernel kernel, long started) {
        String code;
        try {
            code = initializer.prepare(sessionKey, kernel.directory().session());
        } catch (IOException | RuntimeException e) {
            releaseKernel(session);
            return failure(RunResult.Status.ERROR, "KernelSetupError",
                    "Preparing the session's kernel failed: " + e.getMessage(), started);
        }
        if (code == null || code.isBlank()) return null;
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("op", "run");
        request.put("code", code);
        request.put("silent", true);
        KernelReply reply = kernel.request(request, settings.wallTimePerRun());
        RunResult setup = toResult(reply, List.of(), started);
        if (setup.success()) return null;
        releaseKernel(session);
        List<KernelOutput> outputs = new ArrayList<>();
        outputs.add(new KernelOutput.Stream("stderr",
                "Loading the session's data into a fresh kernel failed; the code was not run.\n"));
        outputs.addAll(setup.outputs());
        return new RunResult(outputs, setup.status(), 0, setup.truncated(), elapsedSince(started));
    }

    private record Replay(List<KernelOutput> notes) {
    }

    /**
     * Rebuilds a session's state in its fresh kernel by running its recorded successful runs again,
     * in order, their output discarded. Nothing to say when there were none or all succeeded again;
     * otherwise notes for the user naming the runs that failed (the state is not what it was), or
     * that the kernel died rebuilding it (the state is gone).
     */
    private Replay replay(String sessionKey, Kernel kernel) {
        List<String> runs = sessionOf(sessionKey).equals(sessionKey) ? placement.runsToReplay(sessionKey) : List.of();
        if (runs.isEmpty()) return new Replay(List.of());
        long started = System.nanoTime();
        List<KernelOutput> notes = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < runs.size(); i++) {
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            request.put("op", "run");
            request.put("code", runs.get(i));
            request.put("silent", true);
            RunResult rerun = toResult(kernel.request(request, settings.wallTimePerRun()), List.of(), started);
            if (rerun.success()) continue;
            failed++;
            String what = rerun.outputs().stream()
                    .filter(KernelOutput.Error.class::isInstance).map(KernelOutput.Error.class::cast)
                    .map(e -> e.ename() + ": " + e.evalue()).findFirst().orElse(rerun.status().toString());
            notes.add(note("Rebuilding this session's variables: earlier run " + (i + 1) + " of " + runs.size()
                    + " failed when run again (" + what + ")."));
            if (!kernel.isAlive() || rerun.timedOut() || rerun.kernelDied()) {
                kernel.stop("rebuilding the session's state failed");
                String lost = "This session's kernel was lost with the server instance that held it, and could not be rebuilt "
                        + "here: replaying its earlier runs stopped the kernel. Variables from earlier runs are gone; the "
                        + "session's data is loaded again on the next run.";
                notes.add(0, note(lost));
                notes.add(new KernelOutput.Error("KernelStateLost", lost, List.of()));
                return new Replay(notes);
            }
        }
        log.info("session {}: rebuilt kernel state from {} run(s) in {} ms ({} failed)", sessionKey, runs.size(),
                (System.nanoTime() - started) / 1_000_000, failed);
        if (failed > 0) {
            notes.add(0, note("This session's kernel was lost with the server instance that held it, and was rebuilt here "
                    + "by running its " + runs.size() + " earlier successful run(s) again, but " + failed
                    + " of them failed, so variables they defined may be missing or different."));
        }
        return new Replay(notes);
    }

    /**
     * A message from the server among a run's outputs: display data, since the product shows a run's
     * stdout and rich output but not its stderr (warnings), and this must be seen.
     */
    private static KernelOutput note(String text) {
        ObjectNode metadata = JsonNodeFactory.instance.objectNode();
        metadata.put("autoanalyst", "kernel-rebuild");
        return new KernelOutput.DisplayData(new MimeBundle(Map.of(MimeBundle.PLAIN, JsonNodeFactory.instance.stringNode(text))),
                metadata);
    }

    private void discardQuietly(String sessionKey) {
        if (!sessionOf(sessionKey).equals(sessionKey)) return;
        try {
            placement.discardState(sessionKey);
        } catch (RuntimeException e) {
            log.warn("forgetting the state of session {} failed: {}", sessionKey, e.getMessage());
        }
    }

    private RunResult toResult(KernelReply reply, List<KernelOutput> before, long started) {
        List<KernelOutput> outputs = new ArrayList<>(before);
        return switch (reply) {
            case KernelReply.Answered(JsonNode message) -> {
                message.path("outputs").forEach(node -> outputs.add(KernelOutput.fromNbformat(node)));
                RunResult.Status status = "ok".equals(message.path("status").asString("")) ? RunResult.Status.OK
                        : RunResult.Status.ERROR;
                yield new RunResult(outputs, status, message.path("execution_count").asInt(0),
                        message.path("truncated").asBoolean(false), elapsedSince(started));
            }
            case KernelReply.TimedOut(Duration limit) -> {
                outputs.add(new KernelOutput.Error("TimeoutError", "The code ran longer than the limit of "
                        + limit.toSeconds() + " s and was stopped. The kernel was restarted: variables from earlier "
                        + "runs are gone, and the session's data is loaded again on the next run.", List.of()));
                yield new RunResult(outputs, RunResult.Status.TIMED_OUT, 0, false, elapsedSince(started));
            }
            case KernelReply.Died(String description) -> {
                outputs.add(new KernelOutput.Error("KernelDied", "The Python kernel died: " + description
                        + ". It was restarted: variables from earlier runs are gone, and the session's data is "
                        + "loaded again on the next run.", List.of()));
                yield new RunResult(outputs, RunResult.Status.KERNEL_DIED, 0, false, elapsedSince(started));
            }
        };
    }

    private static RunResult failure(RunResult.Status status, String ename, String evalue, long started) {
        return new RunResult(List.of(new KernelOutput.Error(ename, evalue, List.of())), status, 0, false,
                elapsedSince(started));
    }

    private static Duration elapsedSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private void reapQuietly() {
        try {
            reapIdle();
        } catch (RuntimeException e) {
            log.warn("reaping idle kernels failed", e);
        }
    }
}
