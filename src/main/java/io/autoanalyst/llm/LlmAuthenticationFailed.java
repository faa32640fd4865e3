package io.autoanalyst.llm;

/** The provider rejected the key (HTTP 401 or 403, or Gemini's API_KEY_INVALID). */
public final class LlmAuthenticationFailed extends LlmException {
    public LlmAuthenticationFailed(String message) {
        super(message);
    }
}
