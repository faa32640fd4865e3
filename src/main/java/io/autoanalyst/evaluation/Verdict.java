package io.autoanalyst.evaluation;

/** How a question went. Only {@link #CORRECT} counts for the by-question accuracy. */
public enum Verdict {
    /** every sub-answer right */
    CORRECT,
    /** some sub-answers right */
    PARTIAL,
    /** the turn ran and no sub-answer is right (missing answers included) */
    WRONG,
    /** the question could not be asked or the turn broke (upload refused, kernel unavailable, ...): scored as wrong */
    FAILED;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Verdict of(QuestionScore score) {
        if (score.total() > 0 && score.correct() == score.total()) return CORRECT;
        return score.correct() > 0 ? PARTIAL : WRONG;
    }

    public static Verdict parse(String id) {
        return valueOf(id.toUpperCase(java.util.Locale.ROOT));
    }
}
