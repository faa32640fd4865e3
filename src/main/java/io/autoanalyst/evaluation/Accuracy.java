package io.autoanalyst.evaluation;

import java.util.Collection;

/**
 * DABench's three accuracies over a set of scored questions, every one of them in the denominators:
 * <ul>
 *   <li>{@code byQuestion}: questions with every sub-answer right / questions;</li>
 *   <li>{@code proportional}: the mean over questions of (right sub-answers / sub-answers of that question);</li>
 *   <li>{@code bySubQuestion}: right sub-answers / sub-answers, all questions pooled.</li>
 * </ul>
 * The benchmark's script averages over the questions that produced a non-empty response only: a question
 * whose agent crashed or said nothing left the denominators and raised the score. Here such a question is
 * scored, as wrong.
 */
public record Accuracy(int questions, int correctQuestions, double byQuestion, double proportional,
                       int subQuestions, int correctSubQuestions, double bySubQuestion) {

    public static Accuracy of(Collection<QuestionResult> results) {
        int questions = results.size();
        int correct = 0;
        int subs = 0;
        int correctSubs = 0;
        double proportionalSum = 0;
        for (QuestionResult r : results) {
            if (r.verdict() == Verdict.CORRECT) correct++;
            subs += r.subTotal();
            correctSubs += r.subCorrect();
            proportionalSum += r.subTotal() == 0 ? 0 : (double) r.subCorrect() / r.subTotal();
        }
        return new Accuracy(questions, correct, ratio(correct, questions), questions == 0 ? 0 : proportionalSum / questions,
                subs, correctSubs, ratio(correctSubs, subs));
    }

    private static double ratio(int part, int whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
