package io.autoanalyst.support;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Starts work on its own virtual thread. Tests must not use the common fork-join pool for
 * blocking calls: on a two-core machine it has one thread, so two "concurrent" tasks quietly
 * run one after the other, or a task starts only after an earlier test's work finishes.
 */
public final class Background {

    private static final Executor OWN_THREAD = task -> Thread.ofVirtual().name("test-background").start(task);

    private Background() {
    }

    public static <T> CompletableFuture<T> supply(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, OWN_THREAD);
    }

    public static CompletableFuture<Void> run(Runnable work) {
        return CompletableFuture.runAsync(work, OWN_THREAD);
    }
}
