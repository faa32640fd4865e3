package io.autoanalyst.evaluation;

import java.util.Objects;

/** One expected sub-answer of a question, what the turn gave for it (null: nothing), and whether it counts. */
public record SubAnswerVerdict(String name, String expected, String given, boolean correct) {
    public SubAnswerVerdict {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expected, "expected");
    }
}
