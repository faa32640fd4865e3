package io.autoanalyst.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's scoring rules on hand-made answer sets. */
class AnswerScorerTest {

    private static List<NamedAnswer> answers(String... nameValuePairs) {
        List<NamedAnswer> list = new java.util.ArrayList<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) list.add(new NamedAnswer(nameValuePairs[i], nameValuePairs[i + 1]));
        return list;
    }

    @Test
    void theSameTextIsRight() {
        assertThat(AnswerScorer.matches("not normal", "not normal")).isTrue();
        assertThat(AnswerScorer.matches("  34.65 ", "34.65")).isTrue();
    }

    @Test
    void textIsComparedCaseSensitivelyAsTheBenchmarkDoes() {
        assertThat(AnswerScorer.matches("No", "no")).isFalse();
        assertThat(AnswerScorer.matches("significant", "non-significant")).isFalse();
    }

    @Test
    void numbersMayDifferInTheirWritingButNotBeyondOneMillionth() {
        assertThat(AnswerScorer.matches("34.650", "34.65")).isTrue();
        assertThat(AnswerScorer.matches("34.6500000001", "34.65")).isTrue();
        assertThat(AnswerScorer.matches("+0.001", "1e-3")).isTrue();
        assertThat(AnswerScorer.matches("-0.0", "0")).isTrue();
        assertThat(AnswerScorer.matches("34.6501", "34.65")).isFalse();
    }

    @Test
    void aValueRoundedDifferentlyThanTheFormatAsksIsWrong() {
        assertThat(AnswerScorer.matches("34.6", "34.65")).isFalse();
        assertThat(AnswerScorer.matches("34.654", "34.65")).isFalse();
        assertThat(AnswerScorer.matches("0.2", "0.21")).isFalse();
    }

    @Test
    void somethingThatIsNotANumberIsNeverCloseToOne() {
        assertThat(AnswerScorer.matches("34.65%", "34.65")).isFalse();
        assertThat(AnswerScorer.matches("nan", "nan")).isTrue();
        assertThat(AnswerScorer.matches("NaN", "nan")).isFalse();
        assertThat(AnswerScorer.matches("inf", "1e400")).isFalse();
        assertThat(AnswerScorer.matches("1e400", "1e400")).isTrue();
        assertThat(AnswerScorer.matches("1e401", "1e400")).isFalse();
        assertThat(AnswerScorer.matches("0x1p3", "8")).isFalse();
    }

    @Test
    void everySubAnswerRightIsACorrectQuestion() {
        QuestionScore score = AnswerScorer.score(answers("mean", "1.50", "std", "0.25"), answers("std", "0.250", "mean", "1.5"));
        assertThat(score.correct()).isEqualTo(2);
        assertThat(score.allCorrect()).isTrue();
        assertThat(Verdict.of(score)).isEqualTo(Verdict.CORRECT);
    }

    @Test
    void someSubAnswersRightIsPartialCredit() {
        QuestionScore score = AnswerScorer.score(answers("a", "1", "b", "2", "c", "3", "d", "4"),
                answers("a", "1", "b", "2", "c", "30"));
        assertThat(score.total()).isEqualTo(4);
        assertThat(score.correct()).isEqualTo(2);
        assertThat(Verdict.of(score)).isEqualTo(Verdict.PARTIAL);
        assertThat(score.subAnswers()).extracting(SubAnswerVerdict::given).containsExactly("1", "2", "30", null);
    }

    @Test
    void missingAnswersAreWrongAndUnaskedExtraAnswersDoNotCount() {
        QuestionScore none = AnswerScorer.score(answers("mean", "1.5"), List.of());
        assertThat(none.correct()).isZero();
        assertThat(none.total()).isEqualTo(1);
        assertThat(Verdict.of(none)).isEqualTo(Verdict.WRONG);

        QuestionScore extra = AnswerScorer.score(answers("mean", "1.5"), answers("median", "1.5", "mean", "1.5", "max", "9"));
        assertThat(extra.total()).isEqualTo(1);
        assertThat(extra.allCorrect()).isTrue();
    }

    @Test
    void malformedAnswersAreNotRead() {
        String text = """
                @mean_fare[34.65
                @mean fare[34.65]
                mean_fare[34.65]
                @mean-fare[34.65]
                @[34.65]
                """;
        assertThat(AnswerExtractor.extract(text)).isEmpty();
        assertThat(AnswerScorer.score(answers("mean_fare", "34.65"), AnswerExtractor.extract(text)).correct()).isZero();
    }

    @Test
    void valuesEndAtTheFirstClosingBracketAsInTheBenchmark() {
        assertThat(AnswerExtractor.extract("@cols[[a, b]] and @n[3]")).containsExactly(new NamedAnswer("cols", "[a, b"),
                new NamedAnswer("n", "3"));
        assertThat(AnswerExtractor.extract("@empty[]")).containsExactly(new NamedAnswer("empty", ""));
    }

    @Test
    void duplicatedNamesAreMatchedInOrderOfAppearance() {
        // a label that repeats a name (DABench has one): each occurrence is a sub-answer of its own
        List<NamedAnswer> expected = answers("r", "0.12", "sig", "yes", "sig", "no", "r", "0.34", "r", "0.56");
        List<NamedAnswer> given = AnswerExtractor.extract(
                "@r[0.12] @sig[yes]\n@sig[yes] @r[0.34]\n@r[0.56]");
        QuestionScore score = AnswerScorer.score(expected, given);
        assertThat(score.total()).isEqualTo(5);
        assertThat(score.subAnswers()).extracting(SubAnswerVerdict::correct).containsExactly(true, true, false, true, true);
        assertThat(score.correct()).isEqualTo(4);
    }

    @Test
    void aNameSaidTwiceForOneLabelUsesTheFirst() {
        QuestionScore score = AnswerScorer.score(answers("mean", "2.00"), AnswerExtractor.extract("@mean[2.00]\n@mean[3.00]"));
        assertThat(score.allCorrect()).isTrue();
    }

    @Test
    void theCodeOutputWinsOverTheSummaryWhichOnlyFillsGaps() {
        String output = "\n=== OUTPUT FROM PLANNER_STATISTICAL_ANALYTICS_AGENT ===\n@mean[2.50]\n";
        String summary = """
                ## Statistical Analytics Agent

                ### Code Implementation
                ```python
                print(f"@mean[{df['x'].mean():.2f}]")
                print(f"@max[{df['x'].max()}]")
                ```

                ### Summary
                The mean is @mean[2.6] and the maximum @max[4].
                """;
        List<NamedAnswer> answers = AnswerExtractor.fromTurn(output, summary);
        assertThat(answers).containsExactly(new NamedAnswer("mean", "2.50"), new NamedAnswer("max", "4"));
    }

    @Test
    void codeInsideAnUnclosedFenceIsIgnoredToo() {
        assertThat(AnswerExtractor.fromTurn("", "text @a[1]\n```python\nprint(f\"@b[{x}]\")")).containsExactly(new NamedAnswer("a", "1"));
    }
}
