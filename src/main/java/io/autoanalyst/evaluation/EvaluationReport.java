package io.autoanalyst.evaluation;

import java.util.List;

/**
 * A run's report: the run, its accuracies (overall, per level, per concept), its tokens and cost (the sums
 * of the {@code model_usage} rows of its questions' sessions), and every question's result in the run's order.
 *
 * @param status as {@link RunView#status()}: an unfinished report covers the questions scored so far
 */
public record EvaluationReport(EvaluationRun run, String status, ScoreTable scores, long promptTokens, long completionTokens, double cost,
                               long wallMs, List<QuestionResult> results) {
    public EvaluationReport {
        results = List.copyOf(results);
    }

    /** Whether the run still has questions to ask (interrupted, or running now). */
    public boolean complete() {
        return results.size() >= run.questionIds().size();
    }
}
