package io.autoanalyst.dataset;

import io.autoanalyst.dataset.storage.DatasetLoad;
import java.io.IOException;
import java.util.List;

/**
 * What the kernel side needs from the dataset feature: which DataFrames a session's kernel loads,
 * under which names, from which files. A session with no dataset of its own gets the default
 * (Housing) dataset as {@code df}.
 */
public interface SessionDatasets {

    /**
     * The session's datasets in order; the first is bound to {@code df}. Waits for copies still
     * being written.
     *
     * @throws IOException when a dataset's copy is missing or could not be written
     */
    List<DatasetLoad> loadPlan(String sessionId) throws IOException;
}
