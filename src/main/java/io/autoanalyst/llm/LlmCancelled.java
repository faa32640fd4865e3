package io.autoanalyst.llm;

/** The caller cancelled the call (for example the HTTP client went away). */
public final class LlmCancelled extends LlmException {
    public LlmCancelled(String message) {
        super(message);
    }
}
