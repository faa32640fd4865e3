package io.autoanalyst.evaluation;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

/** An evaluation that cannot start as asked: unknown model or question, missing benchmark data, bad option. */
public class EvaluationRejected extends ApiException {
    public EvaluationRejected(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
