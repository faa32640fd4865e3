package io.autoanalyst.evaluation;

import java.util.Objects;

/** One {@code @name[value]} answer: a label of the benchmark or what a turn's output said. */
public record NamedAnswer(String name, String value) {
    public NamedAnswer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
