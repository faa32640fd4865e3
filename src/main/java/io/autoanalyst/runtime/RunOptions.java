package io.autoanalyst.runtime;

import java.time.Duration;

/**
 * Options of one run.
 *
 * @param printTables {@code print(df)} shows a table rather than text, as the original
 *                    executor did; scripts written for it expect that
 * @param wallTime    overrides the configured wall-time limit for this run (null: the default)
 * @param queueListener told the run's place in the kernel queue while it waits for a kernel
 */
public record RunOptions(boolean printTables, Duration wallTime, QueueListener queueListener) {

    public static final RunOptions DEFAULTS = new RunOptions(false, null);

    public RunOptions(boolean printTables, Duration wallTime) {
        this(printTables, wallTime, QueueListener.NONE);
    }

    public RunOptions {
        queueListener = queueListener == null ? QueueListener.NONE : queueListener;
        if (wallTime != null && (wallTime.isNegative() || wallTime.isZero())) {
            throw new IllegalArgumentException("wallTime must be positive");
        }
    }
}
