package io.autoanalyst.llm;

/**
 * What a model can be asked to do beyond answering a signature, declared on its registry entry so that callers
 * ask the entry instead of testing model ids. A registry entry without {@code capabilities} can do everything.
 *
 * @param repairsCode whether the model can repair code that failed (the chat turn's fix loop asks it to)
 */
public record ModelCapabilities(boolean repairsCode) {

    /** A language model: every capability. */
    public static final ModelCapabilities ALL = new ModelCapabilities(true);
}
