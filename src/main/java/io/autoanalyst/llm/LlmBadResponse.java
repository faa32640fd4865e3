package io.autoanalyst.llm;

/** The answer could not be used: malformed, truncated or missing fields after the format retries. */
public final class LlmBadResponse extends LlmException {
    public LlmBadResponse(String message) {
        super(message);
    }
}
