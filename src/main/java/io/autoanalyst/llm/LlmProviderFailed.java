package io.autoanalyst.llm;

/** The provider failed (5xx, connection refused, an unreadable body) after the allowed retries. */
public final class LlmProviderFailed extends LlmException {
    public LlmProviderFailed(String message) {
        super(message);
    }
}
