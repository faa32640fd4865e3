package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** All {@code maxKernels} kernels are busy and none came free in time; try again after {@link #retryAfter()}. */
public class KernelCapacityExceeded extends RuntimeException {
    private final Duration retryAfter;

    public KernelCapacityExceeded(int maxKernels, Duration waited, Duration retryAfter) {
        super("All " + maxKernels + " Python kernels are in use and none came free within "
                + waited.toSeconds() + " s; try again shortly");
        this.retryAfter = requireNonNull(retryAfter, "retryAfter");
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
