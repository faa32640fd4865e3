package io.autoanalyst.runtime;

import java.time.Duration;

/**
 * Options of one run.
 *
 * @param printTables {@code print(df)} shows a table rather than text, as the original
 *                    executor did; scripts written for it expect that
 * @param wallTime    overrides the configured wall-time limit for this run (null: the default)
 */
public record RunOptions(boolean printTables, Duration wallTime) {

    public static final RunOptions DEFAULTS = new RunOptions(false, null);

    public RunOptions {
        if (wallTime != null && (wallTime.isNegative() || wallTime.isZero())) {
            throw new IllegalArgumentException("wallTime must be positive");
        }
    }
}
