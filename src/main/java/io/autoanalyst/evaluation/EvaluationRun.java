package io.autoanalyst.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One evaluation run as stored: which benchmark questions, which model, how far it got, and, once finished,
 * its accuracies, tokens and cost.
 *
 * @param questionIds the run's questions in the order they are asked; fixed when the run is created
 * @param wallMs      time spent working on the run, over every time it was started or resumed
 * @param reportDir   where the JSON and Markdown reports were written, once finished
 * @param instanceId  the server instance (or evaluation command) that last started working on it; a running run
 *                    whose instance is gone was interrupted. Null for runs stored before it was recorded
 */
public record EvaluationRun(long runId, String benchmark, String model, String dataDir, List<Integer> questionIds,
                            int concurrency, RunStatus status, int questions, int correctQuestions, Double accuracyByQuestion,
                            Double accuracyProportional, Double accuracySubQuestion, long promptTokens, long completionTokens,
                            double cost, long wallMs, String reportDir, String errorMessage, Instant createdAt,
                            Instant updatedAt, Instant finishedAt, String instanceId) {
    public EvaluationRun {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(status, "status");
        questionIds = List.copyOf(questionIds);
    }
}
