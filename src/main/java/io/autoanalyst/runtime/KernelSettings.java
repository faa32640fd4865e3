package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNullElse;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Python kernel settings, {@code autoanalyst.kernel.*}. Every property has a default, so an
 * empty configuration works; the defaults are the ones in brackets.
 *
 * @param python           the interpreter with pandas & co. installed [/usr/bin/python3]; not the
 *                         first {@code python3} on PATH, which may lack them
 * @param sandbox          {@link SandboxMode} [auto]
 * @param poolSize         warm kernels kept started and idle, so a new session does not wait for
 *                         Python's start-up [2]
 * @param maxKernels       kernels alive at once, warm ones included [16]
 * @param acquireTimeout   how long a request waits in the kernel queue (first come, first served)
 *                         when {@code maxKernels} are taken before {@link KernelCapacityExceeded} [2m]
 * @param maxQueued        requests that may wait for a kernel at once; one more is refused at once
 *                         with {@link KernelCapacityExceeded}, which keeps the server answering [4 x maxKernels]
 * @param evictionGrace    an idle session kernel used more recently than this is not stopped to make
 *                         room for a waiting request (its session is likely between two questions) [10s]
 * @param idleTimeout      a session's kernel unused this long is shut down; the next run starts a
 *                         fresh one [15m]
 * @param wallTimePerRun   a run still going after this is killed with its kernel [120s]
 * @param startTimeout     time allowed for a kernel to start and warm up [60s]
 * @param cpuTimePerRun    CPU time one run may use; the run gets an error, the kernel survives [120s]
 * @param cpuTimePerKernel CPU time a kernel may use over its life (RLIMIT_CPU hard limit); zero
 *                         means unlimited [0]
 * @param addressSpace     RLIMIT_AS of each kernel process: a larger allocation fails with
 *                         MemoryError [4GB]
 * @param maxProcesses     RLIMIT_NPROC for the kernel's own user id, threads included, which is
 *                         what contains a fork bomb [64]
 * @param maxFileSize      RLIMIT_FSIZE: largest file a kernel may write [1GB]
 * @param maxOpenFiles     RLIMIT_NOFILE [1024]
 * @param tmpSize          size of the kernel's private {@code /tmp} (a tmpfs under bubblewrap) [256MB]
 * @param outputCap        bytes of stdout and of stderr kept per run; the rest is counted and
 *                         replaced by a note [1MB]
 * @param resultCap        bytes of rich output (tables, figures, images) kept per run [32MB]
 * @param tableRows        rows of a displayed DataFrame sent as table data [1000]
 * @param workRoot         parent of the kernels' working directories [./data/kernels]
 * @param uidBase          first of the {@code maxKernels} user ids kernels run as, when the server
 *                         runs as root; pick a range no real account uses [2000000000]
 * @param diskQuota        bytes a kernel's code may write into its session folder (the datasets it
 *                         was given do not count); beyond it the run is stopped and the kernel
 *                         replaced, its files removed [2GB]
 * @param memoryBudget     resident memory all kernels together may use; a new kernel is not started
 *                         beyond it (an idle one is stopped first) and the running kernel using the
 *                         most is stopped when the total goes over; zero means 60% of the machine's
 *                         memory [0]; counts local kernels only (a Jupyter kernel reports no memory)
 * @param backend          {@link KernelBackendKind}: local sandboxed processes or a Jupyter kernel
 *                         service [local]
 * @param jupyter          the Jupyter kernel service, when {@code backend} is jupyter
 */
@ConfigurationProperties(prefix = "autoanalyst.kernel")
public record KernelSettings(
        String python,
        SandboxMode sandbox,
        Integer poolSize,
        Integer maxKernels,
        Duration acquireTimeout,
        Integer maxQueued,
        Duration evictionGrace,
        Duration idleTimeout,
        Duration wallTimePerRun,
        Duration startTimeout,
        Duration cpuTimePerRun,
        Duration cpuTimePerKernel,
        DataSize addressSpace,
        Integer maxProcesses,
        DataSize maxFileSize,
        Integer maxOpenFiles,
        DataSize tmpSize,
        DataSize outputCap,
        DataSize resultCap,
        Integer tableRows,
        Path workRoot,
        Long uidBase,
        DataSize diskQuota,
        DataSize memoryBudget,
        KernelBackendKind backend,
        Jupyter jupyter) {

    /**
     * The Jupyter kernel service, {@code autoanalyst.kernel.jupyter.*}.
     *
     * @param url        base URL of the Jupyter Server or Enterprise Gateway, e.g. {@code http://gateway:8888/}
     *                   [none: required with backend=jupyter]
     * @param token      the service's token, sent as {@code Authorization: token ...} [empty; also
     *                   {@code JUPYTER_TOKEN}]
     * @param kernelName the kernel spec to start [python3]
     * @param workRoot   where the kernel hosts see the server's kernel work root ({@code
     *                   autoanalyst.kernel.work-root}), whose folders the kernels use as working
     *                   directories [the same path as on the server]
     */
    public record Jupyter(URI url, String token, String kernelName, Path workRoot) {
        public Jupyter {
            token = requireNonNullElse(token, "");
            kernelName = requireNonNullElse(kernelName, "python3");
            if (kernelName.isBlank()) throw new IllegalArgumentException("jupyter.kernelName must name a kernel spec");
            if (url != null) {
                if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
                    throw new IllegalArgumentException("jupyter.url must be an http or https URL");
                }
                // the API paths are resolved against it: without the trailing slash its last segment would be dropped
                if (url.getRawPath() == null || !url.getRawPath().endsWith("/")) {
                    url = URI.create(url.toString() + "/");
                }
            }
            if (workRoot != null && !workRoot.isAbsolute()) {
                throw new IllegalArgumentException("jupyter.workRoot must be an absolute path on the kernel hosts");
            }
        }
    }

    public KernelSettings {
        python = requireNonNullElse(python, "/usr/bin/python3");
        sandbox = requireNonNullElse(sandbox, SandboxMode.AUTO);
        poolSize = requireNonNullElse(poolSize, 2);
        maxKernels = requireNonNullElse(maxKernels, 16);
        acquireTimeout = requireNonNullElse(acquireTimeout, Duration.ofMinutes(2));
        maxQueued = requireNonNullElse(maxQueued, 4 * maxKernels);
        evictionGrace = requireNonNullElse(evictionGrace, Duration.ofSeconds(10));
        idleTimeout = requireNonNullElse(idleTimeout, Duration.ofMinutes(15));
        wallTimePerRun = requireNonNullElse(wallTimePerRun, Duration.ofSeconds(120));
        startTimeout = requireNonNullElse(startTimeout, Duration.ofSeconds(60));
        cpuTimePerRun = requireNonNullElse(cpuTimePerRun, Duration.ofSeconds(120));
        cpuTimePerKernel = requireNonNullElse(cpuTimePerKernel, Duration.ZERO);
        addressSpace = requireNonNullElse(addressSpace, DataSize.ofGigabytes(4));
        maxProcesses = requireNonNullElse(maxProcesses, 64);
        maxFileSize = requireNonNullElse(maxFileSize, DataSize.ofGigabytes(1));
        maxOpenFiles = requireNonNullElse(maxOpenFiles, 1024);
        tmpSize = requireNonNullElse(tmpSize, DataSize.ofMegabytes(256));
        outputCap = requireNonNullElse(outputCap, DataSize.ofMegabytes(1));
        resultCap = requireNonNullElse(resultCap, DataSize.ofMegabytes(32));
        tableRows = requireNonNullElse(tableRows, 1000);
        workRoot = requireNonNullElse(workRoot, Path.of("data", "kernels"));
        uidBase = requireNonNullElse(uidBase, 2_000_000_000L);
        diskQuota = requireNonNullElse(diskQuota, DataSize.ofGigabytes(2));
        memoryBudget = requireNonNullElse(memoryBudget, DataSize.ofBytes(0));
        backend = requireNonNullElse(backend, KernelBackendKind.LOCAL);
        jupyter = requireNonNullElse(jupyter, new Jupyter(null, null, null, null));

        if (python.isBlank()) throw new IllegalArgumentException("python must name an interpreter");
        if (poolSize < 0) throw new IllegalArgumentException("poolSize must be zero or more");
        if (maxKernels < 1) throw new IllegalArgumentException("maxKernels must be at least 1");
        if (poolSize > maxKernels) throw new IllegalArgumentException("poolSize must not exceed maxKernels");
        requirePositive(acquireTimeout, "acquireTimeout", true);
        requirePositive(idleTimeout, "idleTimeout", false);
        requirePositive(evictionGrace, "evictionGrace", true);
        if (maxQueued < 1) throw new IllegalArgumentException("maxQueued must be at least 1");
        requirePositive(wallTimePerRun, "wallTimePerRun", false);
        requirePositive(startTimeout, "startTimeout", false);
        requirePositive(cpuTimePerRun, "cpuTimePerRun", false);
        requirePositive(cpuTimePerKernel, "cpuTimePerKernel", true);
        if (addressSpace.toMegabytes() < 256) throw new IllegalArgumentException("addressSpace below 256MB cannot even import pandas");
        if (maxProcesses < 8) throw new IllegalArgumentException("maxProcesses below 8 leaves no room for the kernel's own threads");
        if (maxFileSize.toBytes() <= 0) throw new IllegalArgumentException("maxFileSize must be positive");
        if (maxOpenFiles < 64) throw new IllegalArgumentException("maxOpenFiles must be at least 64");
        if (tmpSize.toBytes() <= 0) throw new IllegalArgumentException("tmpSize must be positive");
        if (outputCap.toBytes() < 1024) throw new IllegalArgumentException("outputCap must be at least 1KB");
        if (resultCap.toBytes() < outputCap.toBytes()) throw new IllegalArgumentException("resultCap must be at least outputCap");
        if (tableRows < 1) throw new IllegalArgumentException("tableRows must be positive");
        if (diskQuota.toBytes() <= 0) throw new IllegalArgumentException("diskQuota must be positive");
        if (memoryBudget.isNegative()) throw new IllegalArgumentException("memoryBudget must be zero (automatic) or more");
        if (uidBase < 1000 || uidBase + maxKernels > Integer.MAX_VALUE) {
            // kernels run as uid-base .. uid-base + max-kernels - 1: above the system's users, within a signed 32-bit id
            throw new IllegalArgumentException("uid-base must be between 1000 and " + (Integer.MAX_VALUE - maxKernels)
                    + " (max-kernels = " + maxKernels + "), not " + uidBase);
        }
    }

    /** All defaults. */
    public static KernelSettings defaults() {
        return new KernelSettings(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * The largest protocol line the server accepts from a kernel: both streams and the rich
     * output at their caps, with room for JSON escaping. Anything larger means the kernel is
     * misbehaving and it is killed rather than read into memory.
     */
    public long maxMessageBytes() {
        return 6 * outputCap.toBytes() + 2 * resultCap.toBytes() + (1 << 20);
    }

    /** The memory budget in bytes: the configured one, or 60% of the machine's memory. */
    public long memoryBudgetBytes() {
        if (memoryBudget.toBytes() > 0) return memoryBudget.toBytes();
        long total = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        return total > 0 ? total / 10 * 6 : Long.MAX_VALUE;
    }

    private static void requirePositive(Duration value, String name, boolean zeroAllowed) {
        if (value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException(name + " must be " + (zeroAllowed ? "zero or more" : "positive"));
        }
    }
}
