package io.autoanalyst.dataset;

import io.autoanalyst.dataset.profile.DatasetProfile;
import java.time.Instant;
import java.util.Objects;

/**
 * A row of the datasets table: one DataFrame of one session.
 *
 * @param variable    Python variable name, unique in the session (var_name)
 * @param storagePath folder of the kernel copy, relative to the data directory
 * @param profileJson the {@link DatasetProfile} as JSON
 */
public record StoredDataset(Long id, String sessionId, String variable, String displayName, String description,
                            String sourceName, String format, String storagePath, long rows, int columns,
                            long sizeBytes, String profileJson, int position, boolean isDefault, Instant createdAt) {
    public StoredDataset {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(storagePath, "storagePath");
    }
}
