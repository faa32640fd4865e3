package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every kernel: keeps {@code poolSize} warm ones started so a new session does not
 * wait for Python's start-up, hands them out, and never lets more than {@code maxKernels} live at
 * once. A slot number is a kernel's right to exist (and, when running as root, its user id), so
 * capacity is simply the queue of free slots. Which backend starts the kernels (local processes or
 * a Jupyter kernel service) changes none of this.
 */
public final class KernelPool implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KernelPool.class);
    /** Suggested wait for a caller turned away: a run usually ends, or a kernel is reaped, within seconds. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final long WAIT_STEP_MILLIS = 50;
    /** Resident memory a new kernel is counted with before it runs anything (measured idle: about 176 MiB). */
    static final long KERNEL_START_ESTIMATE_BYTES = 200L << 20;

    private final KernelSettings settings;
    private final KernelBackend backend;
    private final BlockingQueue<Integer> freeSlots;
    private final Deque<Kernel> warm = new ArrayDeque<>();
    private final Set<Kernel> leased = ConcurrentHashMap.newKeySet();
    private final ExecutorService refiller;
    private final AtomicBoolean refillQueued = new AtomicBoolean();
    private final AtomicInteger waiting = new AtomicInteger();
    /** Requests waiting for a kernel, first come first served; guarded by queueLock. */
    private final Deque<Object> queue = new ArrayDeque<>();
    // A lock rather than a monitor: a virtual thread waiting in Object.wait pins its carrier on JDK 21.
    private final ReentrantLock queueLock = new ReentrantLock();
    /** Signalled when a kernel is released or warmed, or the line moves. */
    private final Condition queueChanged = queueLock.newCondition();
    /** Kernels the refill is starting for the warm pool: they hold slots but are not in use by anyone. */
    private final AtomicInteger warming = new AtomicInteger();
    private volatile boolean closed;

    public KernelPool(KernelSettings settings, KernelLauncher launcher) {
        this(settings, (KernelBackend) launcher);
    }

    KernelPool(KernelSettings settings, KernelBackend backend) {
        this.settings = requireNonNull(settings, "settings");
        this.backend = requireNonNull(backend, "backend");
        this.freeSlots = new ArrayBlockingQueue<>(settings.maxKernels());
        for (int slot = 0; slot < settings.maxKernels(); slot++) freeSlots.add(slot);
        this.refiller = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("kernel-pool-refill").factory());
    }

    /** Starts filling the warm pool in the background. */
    public void start() {
        refillSoon();
    }

    public SandboxStatus sandboxStatus() {
        return backend.sandboxStatus();
    }

    /** A started kernel for the caller's exclusive use, waiting in the queue as long as it takes; for tests. */
    Kernel acquire() {
        return acquire(QueueListener.NONE, () -> { });
    }

    /**
     * A started kernel for the caller's exclusive use; give it back with {@link #release}.
     *
     * <p>Requests wait in one queue, first come, first served: only the first in line takes a warm
     * kernel or a free slot, and when there is none it asks {@code makeRoom} to stop an idle kernel.
     * Without the queue, every waiter polled for the next free slot and each new request evicted a
     * kernel that another had just been started for, so at capacity kernels thrashed.
     *
     * @param listener told the request's position whenever it changes
     * @param makeRoom stops an idle kernel if there is one that may go; called by the first in line
     * @throws KernelCapacityExceeded when the queue is full, or all kernels stay taken for {@code acquireTimeout}
     * @throws KernelUnavailable      when kernels cannot be started here
     */
    Kernel acquire(QueueListener listener, Runnable makeRoom) {
        requireNonNull(listener, "listener");
        requireNonNull(makeRoom, "makeRoom");
        if (closed) throw new KernelUnavailable("the kernel pool is shut down");
        Object me = new Object();
        queueLock.lock();
        try {
            if (queue.size() >= settings.maxQueued()) {
                throw KernelCapacityExceeded.queueFull(queue.size(), RETRY_AFTER);
            }
            queue.addLast(me);
            waiting.incrementAndGet();
        } finally {
            queueLock.unlock();
        }
        boolean inQueue = true;
        long deadline = System.nanoTime() + settings.acquireTimeout().toNanos();
        // A kernel being warmed is not busy, it is on its way: waiting for it is bounded by the start
        // timeout, not the acquire timeout (a loaded machine took longer than the acquire timeout to
        // warm the only kernel, and the first request was refused while nothing was in use).
        long warmingDeadline = deadline + settings.startTimeout().toNanos();
        int told = 0;
        try {
            while (true) {
                int position = positionOf(me);
                if (position == 1) {
                    Kernel kernel = takeWarm();
                    if (kernel != null) return kernel;
                    Integer slot = memoryAllowsAnother() ? freeSlots.poll() : null;
                    if (slot != null) {
                        // out of the line before the slow start, so the next request can take another slot meanwhile
                        leaveQueue(me);
                        inQueue = false;
                        return launchLeased(slot);
                    }
                    if (warming.get() == 0) makeRoom.run();
                }
                if (position != told) {
                    listener.waiting(position, queuedCount());
                    told = position;
                }
                long now = System.nanoTime();
                if (now >= deadline && (warming.get() == 0 || now >= warmingDeadline)) {
                    throw memoryAllowsAnother() ? new KernelCapacityExceeded(settings.maxKernels(), settings.acquireTimeout(), RETRY_AFTER)
                            : KernelCapacityExceeded.memory(settings.memoryBudgetBytes(), settings.acquireTimeout(), RETRY_AFTER);
                }
                queueLock.lock();
                try {
                    // woken when a kernel is released or warmed or the line moves; the step bounds a missed wake-up
                    queueChanged.await(WAIT_STEP_MILLIS, TimeUnit.MILLISECONDS);
                } finally {
                    queueLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KernelUnavailable("interrupted while waiting for a kernel", e);
        } finally {
            if (inQueue) leaveQueue(me);
            refillSoon();
        }
    }

    private int positionOf(Object waiter) {
        queueLock.lock();
        try {
            int position = 1;
            for (Object other : queue) {
                if (other == waiter) return position;
                position++;
            }
            return position;
        } finally {
            queueLock.unlock();
        }
    }

    private void leaveQueue(Object waiter) {
        queueLock.lock();
        try {
            if (queue.remove(waiter)) waiting.decrementAndGet();
            queueChanged.signalAll();
        } finally {
            queueLock.unlock();
        }
    }

    /** Requests waiting for a kernel now. */
    public int queuedCount() {
        queueLock.lock();
        try {
            return queue.size();
        } finally {
            queueLock.unlock();
        }
    }

    private void wakeWaiters() {
        queueLock.lock();
        try {
            queueChanged.signalAll();
        } finally {
            queueLock.unlock();
        }
    }

    /** Kills a kernel handed out by {@link #acquire}, deletes its directory and frees its slot. */
    void release(Kernel kernel) {
        requireNonNull(kernel, "kernel");
        if (!leased.remove(kernel)) return;
        destroy(kernel);
        refillSoon();
    }

    public int warmCount() {
        synchronized (warm) {
            return warm.size();
        }
    }

    /**
     * Whether one more kernel fits the memory budget: what the kernels alive now use, plus what a
     * new one takes at first.
     */
    public boolean memoryAllowsAnother() {
        return residentBytes() + KERNEL_START_ESTIMATE_BYTES <= settings.memoryBudgetBytes();
    }

    /** Resident memory of every kernel alive now, warm and leased. */
    public long residentBytes() {
        List<Kernel> all = new ArrayList<>(leased);
        synchronized (warm) {
            all.addAll(warm);
        }
        return all.stream().mapToLong(k -> k.residentBytes().orElse(0)).sum();
    }

    /** Kernels being started for the warm pool now. */
    public int warmingCount() {
        return warming.get();
    }

    /** Kernels alive or starting, warm and leased. */
    public int liveCount() {
        return settings.maxKernels() - freeSlots.size();
    }

    private Kernel takeWarm() {
        while (true) {
            Kernel kernel;
            synchronized (warm) {
                kernel = warm.pollFirst();
            }
            if (kernel == null) return null;
            if (kernel.isAlive()) {
                leased.add(kernel);
                return kernel;
            }
            destroy(kernel);
        }
    }

    private Kernel launchLeased(int slot) {
        try {
            Kernel kernel = backend.launch(slot);
            leased.add(kernel);
            if (closed) {
                release(kernel);
                throw new KernelUnavailable("the kernel pool is shut down");
            }
            return kernel;
        } catch (RuntimeException e) {
            freeSlots.offer(slot);
            throw e;
        }
    }

    private void destroy(Kernel kernel) {
        try {
            kernel.kill();
            kernel.directory().delete();
        } finally {
            freeSlots.offer(kernel.slot());
            wakeWaiters();
        }
    }

    private void refillSoon() {
        if (closed || settings.poolSize() == 0) return;
        if (refillQueued.compareAndSet(false, true)) {
            try {
                refiller.execute(this::refill);
            } catch (RuntimeException e) {
                refillQueued.set(false); // executor shut down
            }
        }
    }

    private void refill() {
        refillQueued.set(false);
        // Callers waiting for capacity come first: a warm kernel nobody asked for would take their slot.
        while (!closed && warmCount() < settings.poolSize() && waiting.get() == 0 && memoryAllowsAnother()) {
            Integer slot = freeSlots.poll();
            if (slot == null) return;
            Kernel kernel;
            warming.incrementAndGet();
            try {
                kernel = backend.launch(slot);
            } catch (RuntimeException e) {
                freeSlots.offer(slot);
                warming.decrementAndGet();
                // Do not retry in a loop: the next acquire or release tries again.
                log.warn("could not start a warm kernel: {}", e.getMessage());
                return;
            }
            synchronized (warm) {
                warming.decrementAndGet();
                if (!closed) {
                    warm.addLast(kernel);
                    wakeWaiters();
                    continue;
                }
            }
            destroy(kernel);
        }
    }

    /** Kills every kernel, warm or leased, and all they started. */
    @Override
    public void close() {
        closed = true;
        refiller.shutdownNow();
        List<Kernel> all = new ArrayList<>(leased);
        leased.clear();
        synchronized (warm) {
            all.addAll(warm);
            warm.clear();
        }
        all.parallelStream().forEach(this::destroy);
        try {
            if (!refiller.awaitTermination(settings.startTimeout().toSeconds() + 5, TimeUnit.SECONDS)) {
                log.warn("the warm-pool refill did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        backend.close();
    }
}
