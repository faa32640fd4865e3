package io.autoanalyst.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The three accuracies, and the groups of the score table. */
class AccuracyTest {

    private static QuestionResult result(int id, String level, List<String> concepts, Verdict verdict, int correct, int total) {
        return new QuestionResult(1, id, level, concepts, "q" + id, "s" + id, verdict, correct, total, List.of(), List.of(), List.of(),
                null, null, null, null, 0, 0, 0, 0);
    }

    @Test
    void byQuestionProportionalAndPooledSubQuestionAccuracies() {
        List<QuestionResult> results = List.of(
                result(1, "easy", List.of("A"), Verdict.CORRECT, 1, 1),
                result(2, "medium", List.of("A", "B"), Verdict.PARTIAL, 1, 4),
                result(3, "hard", List.of("B"), Verdict.WRONG, 0, 2));
        Accuracy a = Accuracy.of(results);
        assertThat(a.questions()).isEqualTo(3);
        assertThat(a.correctQuestions()).isEqualTo(1);
        assertThat(a.byQuestion()).isCloseTo(1 / 3.0, within(1e-12));
        // mean of 1, 1/4 and 0
        assertThat(a.proportional()).isCloseTo(1.25 / 3, within(1e-12));
        // 2 right of 7, pooled
        assertThat(a.subQuestions()).isEqualTo(7);
        assertThat(a.bySubQuestion()).isCloseTo(2 / 7.0, within(1e-12));
    }

    @Test
    void aQuestionThatFailedStaysInEveryDenominator() {
        // DABench's script dropped questions without a response, which would make this 1/1 = 100 %
        List<QuestionResult> results = List.of(
                result(1, "easy", List.of("A"), Verdict.CORRECT, 2, 2),
                result(2, "easy", List.of("A"), Verdict.FAILED, 0, 3));
        Accuracy a = Accuracy.of(results);
        assertThat(a.byQuestion()).isEqualTo(0.5);
        assertThat(a.proportional()).isEqualTo(0.5);
        assertThat(a.bySubQuestion()).isCloseTo(2 / 5.0, within(1e-12));
    }

    @Test
    void noQuestionsScoreZeroRatherThanDividingByZero() {
        Accuracy a = Accuracy.of(List.of());
        assertThat(a.byQuestion()).isZero();
        assertThat(a.proportional()).isZero();
        assertThat(a.bySubQuestion()).isZero();
    }

    @Test
    void levelsComeInDifficultyOrderAndAQuestionCountsForEachOfItsConcepts() {
        ScoreTable table = ScoreTable.of(List.of(
                result(1, "hard", List.of("Outlier Detection"), Verdict.WRONG, 0, 1),
                result(2, "easy", List.of("Summary Statistics", "Outlier Detection"), Verdict.CORRECT, 1, 1),
                result(3, "medium", List.of("Summary Statistics"), Verdict.CORRECT, 1, 1)));
        assertThat(table.byLevel().keySet()).containsExactly("easy", "medium", "hard");
        assertThat(table.byConcept().get("Outlier Detection").questions()).isEqualTo(2);
        assertThat(table.byConcept().get("Outlier Detection").byQuestion()).isEqualTo(0.5);
        assertThat(table.byConcept().get("Summary Statistics").byQuestion()).isEqualTo(1.0);
    }
}
