package io.autoanalyst.dataset;

import io.autoanalyst.dataset.profile.DatasetProfile;
import io.autoanalyst.dataset.storage.KernelCopy;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One table of an upload, read, profiled and written to its staging folder, ready to be committed.
 *
 * @param sourceName sheet name for a workbook, else null
 * @param folder     staging folder holding the kernel copy
 * @param sizeBytes  size of the kernel copy's CSV; 0 until it is written
 */
public record IngestedTable(String sourceName, DatasetProfile profile, Path folder, long sizeBytes) {
    public IngestedTable {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(folder, "folder");
    }

    public KernelCopy copy() {
        return KernelCopy.in(folder);
    }
}
