package io.autoanalyst.evaluation;

import java.time.Instant;

/**
 * A run as the admin routes list it.
 *
 * @param status {@code running}, {@code interrupted} (stopped before the end; starting it again resumes it),
 *               {@code finished} or {@code failed}
 * @param scored     questions scored so far
 * @param instanceId the server instance (or evaluation command) working on a running run; null otherwise
 */
public record RunView(long runId, String benchmark, String model, String status, int questions, int scored,
                      Double accuracyByQuestion, Double accuracyProportional, Double accuracySubQuestion, long promptTokens,
                      long completionTokens, double cost, long wallMs, String errorMessage, Instant createdAt, Instant finishedAt,
                      String instanceId) {

    static RunView of(EvaluationRun r, String status, int scored) {
        return new RunView(r.runId(), r.benchmark(), r.model(), status, r.questionIds().size(), scored, r.accuracyByQuestion(),
                r.accuracyProportional(), r.accuracySubQuestion(), r.promptTokens(), r.completionTokens(), r.cost(), r.wallMs(),
                r.errorMessage(), r.createdAt(), r.finishedAt(), "running".equals(status) ? r.instanceId() : null);
    }
}
