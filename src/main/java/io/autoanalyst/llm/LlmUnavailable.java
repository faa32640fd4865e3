package io.autoanalyst.llm;

/** No key is configured for a provider (or the server cannot be reached at all). */
public final class LlmUnavailable extends LlmException {
    public LlmUnavailable(String message) {
        super(message);
    }
}
