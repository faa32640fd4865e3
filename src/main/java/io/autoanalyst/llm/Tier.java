package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

/** A price class of models; a chat query on a model of this tier costs {@code credits} credits. */
public record Tier(String id, String name, int credits) {
    public Tier {
        requireNonNull(id, "id");
        requireNonNull(name, "name");
        if (credits <= 0) {
            throw new IllegalArgumentException("credits must be positive");
        }
    }
}
