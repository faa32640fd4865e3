package io.autoanalyst.dataset.storage;

import java.util.Objects;

/**
 * One entry of a session's load plan: the kernel binds the DataFrame read from {@code copy} to
 * {@code variable}.
 *
 * @param variable    Python variable name ({@code df} for the session's first dataset)
 * @param displayName what the user called it (file name, sheet name)
 * @param copy        the normalised CSV and its dtype sidecar
 */
public record DatasetLoad(String variable, String displayName, KernelCopy copy) {
    public DatasetLoad {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(copy, "copy");
    }

}
