package io.autoanalyst.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * One DABench question with its label: the question, its constraints and answer format, the CSV it is
 * about (a file name inside the benchmark's table folder), its difficulty level and concepts, and the
 * expected {@code @name[value]} answers in the label's order.
 */
public record BenchmarkQuestion(int id, String question, List<String> concepts, String constraints, String format,
                                String fileName, String level, List<NamedAnswer> expected) {
    public BenchmarkQuestion {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(fileName, "fileName");
        concepts = List.copyOf(concepts);
        constraints = constraints == null ? "" : constraints;
        format = format == null ? "" : format;
        level = level == null || level.isBlank() ? "unknown" : level;
        expected = List.copyOf(expected);
    }
}
