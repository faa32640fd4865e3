package io.autoanalyst.llm;

/** The registry file is wrong; thrown at start-up so that a typo stops the server instead of a chat. */
public final class InvalidModelRegistry extends IllegalStateException {
    public InvalidModelRegistry(String message) {
        super(message);
    }

    public InvalidModelRegistry(String message, Throwable cause) {
        super(message, cause);
    }
}
