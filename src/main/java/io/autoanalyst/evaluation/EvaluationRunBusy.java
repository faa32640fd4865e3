package io.autoanalyst.evaluation;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

/** The run is being worked on already, here or by another live instance; two workers would ask every question twice. */
public class EvaluationRunBusy extends ApiException {
    public EvaluationRunBusy(long runId) {
        super(HttpStatus.CONFLICT, "Evaluation run " + runId + " is running now; follow it with GET /api/evaluations/" + runId);
    }

    /** @param instanceId the live instance that works on it (responses name theirs in X-Autoanalyst-Instance) */
    public EvaluationRunBusy(long runId, String instanceId) {
        super(HttpStatus.CONFLICT, "Evaluation run " + runId + " is running on server instance " + instanceId
                + " (the instance named by X-Autoanalyst-Instance in its responses); follow it with GET /api/evaluations/"
                + runId + " on any instance. It counts as interrupted, and can be resumed here, once that instance is gone");
    }
}
