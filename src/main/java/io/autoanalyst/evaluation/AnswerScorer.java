package io.autoanalyst.evaluation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DABench's rules for one question: a sub-answer is right when the value equals the label's as text, or
 * when both are numbers less than 1e-6 apart ({@code 34.65} = {@code 34.650}; {@code 34.65} ≠ {@code 34.6}:
 * the format asks for the rounding, and getting it right is part of the answer). Text is compared
 * case-sensitively, as the benchmark does; surrounding blanks are ignored.
 *
 * <p>Unlike the benchmark's script, a label that names the same sub-answer more than once (question 734
 * has five {@code correlation_coefficient}s) keeps all of them: the k-th label with a name is compared with
 * the k-th answer with that name. The script put labels and answers in dicts keyed by name, so five
 * expected values became one and the question counted two sub-answers instead of seven.
 */
public final class AnswerScorer {

    static final double TOLERANCE = 1e-6;

    /** What Python's float() reads, minus inf/nan and underscores, which no label uses. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private AnswerScorer() {
    }

    public static QuestionScore score(List<NamedAnswer> expected, List<NamedAnswer> given) {
        Map<String, List<String>> byName = new HashMap<>();
        for (NamedAnswer a : given) byName.computeIfAbsent(a.name(), n -> new ArrayList<>()).add(a.value());
        Map<String, Integer> seen = new HashMap<>();
        List<SubAnswerVerdict> verdicts = new ArrayList<>();
        for (NamedAnswer label : expected) {
            int occurrence = seen.merge(label.name(), 1, Integer::sum) - 1;
            List<String> values = byName.getOrDefault(label.name(), List.of());
            String value = occurrence < values.size() ? values.get(occurrence) : null;
            verdicts.add(new SubAnswerVerdict(label.name(), label.value(), value, value != null && matches(value, label.value())));
        }
        return new QuestionScore(verdicts);
    }

    public static boolean matches(String given, String expected) {
        String g = given.strip();
        String e = expected.strip();
        if (g.equals(e)) return true;
        if (!NUMBER.matcher(g).matches() || !NUMBER.matcher(e).matches()) return false;
        // doubles, as the benchmark's Python compares them
        return Math.abs(Double.parseDouble(g) - Double.parseDouble(e)) < TOLERANCE;
    }
}
