package io.autoanalyst.dataset;

import io.autoanalyst.runtime.SessionKernels;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After a dataset change the session's kernel is closed, so the next run starts a fresh kernel
 * holding exactly the session's datasets (as the original replaced the session's DataFrames).
 */
@Component
class KernelReloadOnDatasetChange {

    private final SessionKernels kernels;

    KernelReloadOnDatasetChange(SessionKernels kernels) {
        this.kernels = kernels;
    }

    @EventListener
    void reload(DatasetsChanged change) {
        kernels.shutdown(change.sessionId());
    }
}
