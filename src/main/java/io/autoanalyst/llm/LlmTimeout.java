package io.autoanalyst.llm;

/** The provider did not answer within the call's timeout. */
public final class LlmTimeout extends LlmException {
    public LlmTimeout(String message) {
        super(message);
    }
}
