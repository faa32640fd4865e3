package io.autoanalyst.runtime;

/**
 * Told where a request waits for a kernel while every kernel is taken, so that a streaming client
 * can show it. Called on the waiting request's own thread whenever its position changes.
 */
@FunctionalInterface
public interface QueueListener {

    QueueListener NONE = (position, queued) -> { };

    /**
     * @param position 1 for the next request to get a kernel
     * @param queued   requests waiting in all, this one included
     */
    void waiting(int position, int queued);
}
