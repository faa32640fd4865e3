package io.autoanalyst.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * One scored question of a run: what the turn produced (its code, the code's output, the agents'
 * summaries), the answers found in it, the verdict, and the turn's tokens and cost (the sums of its
 * session's {@code model_usage} rows).
 *
 * @param error why the question could not be asked or the turn broke; null when it ran
 */
public record QuestionResult(long runId, int questionId, String level, List<String> concepts, String question, String sessionId,
                             Verdict verdict, int subCorrect, int subTotal, List<NamedAnswer> expected,
                             List<NamedAnswer> extracted, List<SubAnswerVerdict> subAnswers, String code, String output,
                             String summary, String error, long promptTokens, long completionTokens, double cost,
                             long elapsedMs) {
    public QuestionResult {
        Objects.requireNonNull(verdict, "verdict");
        concepts = List.copyOf(concepts);
        expected = List.copyOf(expected);
        extracted = List.copyOf(extracted);
        subAnswers = List.copyOf(subAnswers);
    }
}
