package io.autoanalyst.llm;

/** The provider kept answering 429 after the allowed retries, or asked to wait longer than we may. */
public final class LlmRateLimited extends LlmException {
    public LlmRateLimited(String message) {
        super(message);
    }
}
