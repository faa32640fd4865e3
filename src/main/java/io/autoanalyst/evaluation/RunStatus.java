package io.autoanalyst.evaluation;

import java.util.Locale;

/**
 * A run's state as stored. A run stored as {@link #RUNNING} whose instance (the server or command that works
 * on it, {@code eval_runs.instance_id}) is gone was cut short and is shown as {@code interrupted}; starting it
 * again resumes it.
 */
public enum RunStatus {
    RUNNING, FINISHED, FAILED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus parse(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
