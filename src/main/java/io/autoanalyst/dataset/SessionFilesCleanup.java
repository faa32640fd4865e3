package io.autoanalyst.dataset;

import io.autoanalyst.runtime.SessionKernels;
import io.autoanalyst.session.SessionExpired;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** An expired session's kernel is stopped and its dataset folder deleted. */
@Component
class SessionFilesCleanup {

    private final DatasetStorage storage;
    private final SessionKernels kernels;

    SessionFilesCleanup(DatasetStorage storage, SessionKernels kernels) {
        this.storage = storage;
        this.kernels = kernels;
    }

    @EventListener
    void expired(SessionExpired event) {
        kernels.shutdown(event.sessionId());
        storage.deleteQuietly(storage.sessionFolder(event.sessionId()));
    }
}
