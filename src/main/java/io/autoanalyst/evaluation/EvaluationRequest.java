package io.autoanalyst.evaluation;

import java.nio.file.Path;
import java.util.List;

/**
 * What to evaluate. Every field may be null: the default model, all questions, one at a time, the configured
 * DABench folder, a new run (or the unfinished one with the same model and questions).
 *
 * @param resume a run to continue: its model, folder and questions are used, only {@code concurrency} may change
 * @param fresh  start a new run even when an unfinished one with the same model and questions exists
 */
public record EvaluationRequest(String model, Integer limit, Integer concurrency, List<Integer> questions, Path dataDir,
                                Long resume, boolean fresh) {

    public EvaluationRequest {
        questions = questions == null ? List.of() : List.copyOf(questions);
        if (limit != null && limit < 1) throw new EvaluationRejected("limit: must be at least 1");
        if (concurrency != null && concurrency < 1) throw new EvaluationRejected("concurrency: must be at least 1");
    }
}
