package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

/**
 * Published after a {@code model_usage} row is stored. Features above {@code llm} (the admin
 * analytics' realtime dashboards) listen for it, so {@code llm} never depends on them.
 */
public record UsageRecorded(UsageRecord usage) {
    public UsageRecorded {
        requireNonNull(usage, "usage");
    }
}
