package io.autoanalyst.evaluation;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

/** The run is being worked on by this server already; two workers would ask every question twice. */
public class EvaluationRunBusy extends ApiException {
    public EvaluationRunBusy(long runId) {
        super(HttpStatus.CONFLICT, "Evaluation run " + runId + " is running now; follow it with GET /api/evaluations/" + runId);
    }
}
