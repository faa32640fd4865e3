package io.autoanalyst.dataset;

import io.autoanalyst.dataset.storage.DatasetStorage;
import io.autoanalyst.runtime.SessionKernels;
import io.autoanalyst.session.SessionExpired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An expired session's kernel is stopped and its files deleted: its folder, and each of its
 * datasets' own folders (files stored before session folders were named by hash live elsewhere,
 * see {@link DatasetStorage}); never a whole folder another session could share.
 */
@Component
class SessionFilesCleanup {

    private final DatasetStorage storage;
    private final DatasetRepository datasets;
    private final SessionKernels kernels;

    SessionFilesCleanup(DatasetStorage storage, DatasetRepository datasets, SessionKernels kernels) {
        this.storage = storage;
        this.datasets = datasets;
        this.kernels = kernels;
    }

    @EventListener
    void expired(SessionExpired event) {
        kernels.shutdown(event.sessionId());
        for (StoredDataset dataset : datasets.list(event.sessionId())) {
            if (!dataset.isDefault()) storage.deleteStored(dataset.storagePath());
        }
        storage.deleteQuietly(storage.sessionFolder(event.sessionId()).getParent());
    }
}
