package io.autoanalyst.llm;

/**
 * A failed model call, with a message meant for the user: it never holds a stack trace, a provider's
 * raw response body or an API key. The web layer maps each subtype to an HTTP status.
 */
public abstract sealed class LlmException extends RuntimeException
        permits LlmUnavailable, LlmAuthenticationFailed, LlmRateLimited, LlmTimeout, LlmBadResponse,
                LlmProviderFailed, LlmCancelled, UnknownModel {

    protected LlmException(String message) {
        // No cause, no suppression, no stack trace: provider exceptions carry response bodies,
        // and those can echo (part of) the key that was sent.
        super(message, null, false, false);
    }
}
