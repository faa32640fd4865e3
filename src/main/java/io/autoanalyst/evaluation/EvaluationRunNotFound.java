package io.autoanalyst.evaluation;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

public class EvaluationRunNotFound extends ApiException {
    public EvaluationRunNotFound(long runId) {
        super(HttpStatus.NOT_FOUND, "Evaluation run " + runId + " not found");
    }
}
