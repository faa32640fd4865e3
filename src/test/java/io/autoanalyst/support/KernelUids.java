package io.autoanalyst.support;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A range of kernel user ids of its own for each kernel pool a test starts. A pool owns its ids:
 * starting a kernel kills whatever still runs under the slot's id, so two pools sharing ids (two
 * cached Spring contexts, or a test's own pool beside them, or two test JVMs) killed each other's
 * kernels, now and then while one was starting.
 */
public final class KernelUids {

    private static final long FIRST = 2_000_000_000L + (ProcessHandle.current().pid() % 1000) * 100_000L;
    private static final long STEP = 64; // more than any test's max-kernels
    private static final AtomicLong next = new AtomicLong();

    private KernelUids() {
    }

    public static String nextBase() {
        return Long.toString(FIRST + STEP * (1 + next.getAndIncrement() % 1500));
    }
}
