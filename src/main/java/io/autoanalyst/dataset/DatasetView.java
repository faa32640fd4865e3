package io.autoanalyst.dataset;

import io.autoanalyst.dataset.profile.DatasetProfile;

/**
 * A dataset as the API shows it.
 *
 * @param name        the Python variable name, also the id in {@code /api/datasets/{name}}
 * @param displayName what the user called it
 */
public record DatasetView(String name, String displayName, String description, String format, long rows, int columns,
                          long sizeBytes, boolean isDefault, DatasetProfile profile) {
}
