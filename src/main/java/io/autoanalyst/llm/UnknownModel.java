package io.autoanalyst.llm;

import java.util.Collection;

/** A model id that is not in the registry; the message lists the valid ids. */
public final class UnknownModel extends LlmException {
    public UnknownModel(String requested, Collection<String> validIds) {
        super("Unknown model '" + requested + "'. Valid models: " + String.join(", ", validIds));
    }
}
