package io.autoanalyst.llm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Lets a caller stop a model call it no longer needs (the HTTP client went away, the user pressed stop).
 * The call aborts its HTTP exchange, stops any backoff wait, records the usage row as cancelled and throws
 * {@link LlmCancelled}. One token per request; cancelling is permanent.
 */
public final class CancellationToken {

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** A token nobody will cancel. A new instance each time: tokens are not shared between calls. */
    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        if (cancelled.getCount() == 0) {
            return;
        }
        cancelled.countDown();
        listeners.forEach(CancellationToken::runQuietly);
    }

    public boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    /** Runs {@code action} on cancellation (at once if already cancelled); returns a handle that unregisters it. */
    public Runnable onCancel(Runnable action) {
        listeners.add(action);
        if (isCancelled() && listeners.remove(action)) {
            runQuietly(action);
        }
        return () -> listeners.remove(action);
    }

    /** Waits up to {@code millis}; returns true if the token was cancelled meanwhile. */
    public boolean awaitCancellation(long millis) throws InterruptedException {
        return cancelled.await(millis, TimeUnit.MILLISECONDS);
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // A listener that fails must not stop the others from aborting their work.
        }
    }
}
