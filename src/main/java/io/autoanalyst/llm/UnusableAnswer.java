package io.autoanalyst.llm;

/** An answer that does not fit its signature; the message is written for the model, which gets it back. */
final class UnusableAnswer extends RuntimeException {
    UnusableAnswer(String message) {
        super(message, null, false, false);
    }
}
