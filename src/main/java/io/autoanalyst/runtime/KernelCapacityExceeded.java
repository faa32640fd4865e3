package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** All {@code maxKernels} kernels are busy and none came free in time; try again after {@link #retryAfter()}. */
public class KernelCapacityExceeded extends RuntimeException {
    private final Duration retryAfter;

    public KernelCapacityExceeded(int maxKernels, Duration waited, Duration retryAfter) {
        this("All " + maxKernels + " Python kernels are in use and none came free within "
                + waited.toSeconds() + " s; try again shortly", retryAfter);
    }

    private KernelCapacityExceeded(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = requireNonNull(retryAfter, "retryAfter");
    }

    /** So many requests wait for a kernel already that one more is refused at once. */
    static KernelCapacityExceeded queueFull(int queued, Duration retryAfter) {
        return new KernelCapacityExceeded("The server is at capacity: " + queued + " requests are waiting for a Python "
                + "kernel already; try again shortly", retryAfter);
    }

    /** The kernels running now use the server's memory budget for kernels; none could be stopped to make room. */
    static KernelCapacityExceeded memory(long budgetBytes, Duration waited, Duration retryAfter) {
        return new KernelCapacityExceeded("The Python kernels running now use the server's memory budget for kernels ("
                + (budgetBytes >> 20) + " MB) and none came free within " + waited.toSeconds() + " s; try again shortly",
                retryAfter);
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
