package io.autoanalyst.dataset;

import java.util.List;

/**
 * What the kernel side needs from the dataset feature: which DataFrames a session's kernel loads,
 * under which names, from which files. A session with no dataset of its own gets the default
 * (Housing) dataset as {@code df}.
 */
public interface SessionDatasets {

    /** The session's datasets in order; the first is bound to {@code df}. */
    List<DatasetLoad> loadPlan(String sessionId);

    /** Python that loads the whole plan into a fresh namespace (imports included). */
    default String loaderCode(String sessionId) {
        return PandasLoaderCode.loadAll(loadPlan(sessionId));
    }
}
