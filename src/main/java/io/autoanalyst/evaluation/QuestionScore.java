package io.autoanalyst.evaluation;

import java.util.List;

/** The sub-answers of one question, each judged. */
public record QuestionScore(List<SubAnswerVerdict> subAnswers) {

    public QuestionScore {
        subAnswers = List.copyOf(subAnswers);
    }

    public int total() {
        return subAnswers.size();
    }

    public int correct() {
        return (int) subAnswers.stream().filter(SubAnswerVerdict::correct).count();
    }

    public boolean allCorrect() {
        return total() > 0 && correct() == total();
    }
}
