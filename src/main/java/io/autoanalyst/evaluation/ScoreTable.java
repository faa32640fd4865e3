package io.autoanalyst.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's accuracies: overall, per difficulty level (easy, medium, hard in that order) and per concept (a
 * question with two concepts counts for both, as in the benchmark's concept analysis).
 */
public record ScoreTable(Accuracy overall, Map<String, Accuracy> byLevel, Map<String, Accuracy> byConcept) {

    private static final List<String> LEVEL_ORDER = List.of("easy", "medium", "hard");

    public static ScoreTable of(Collection<QuestionResult> results) {
        Map<String, List<QuestionResult>> levels = new TreeMap<>((a, b) -> {
            int ia = LEVEL_ORDER.indexOf(a);
            int ib = LEVEL_ORDER.indexOf(b);
            if (ia >= 0 && ib >= 0) return Integer.compare(ia, ib);
            if (ia >= 0 || ib >= 0) return ia >= 0 ? -1 : 1;
            return a.compareTo(b);
        });
        Map<String, List<QuestionResult>> concepts = new TreeMap<>();
        for (QuestionResult r : results) {
            levels.computeIfAbsent(r.level(), l -> new ArrayList<>()).add(r);
            for (String c : r.concepts()) concepts.computeIfAbsent(c, x -> new ArrayList<>()).add(r);
        }
        return new ScoreTable(Accuracy.of(results), accuracies(levels), accuracies(concepts));
    }

    private static Map<String, Accuracy> accuracies(Map<String, List<QuestionResult>> groups) {
        Map<String, Accuracy> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, Accuracy.of(v)));
        return out;
    }
}
