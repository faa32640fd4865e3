package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How to make one call: which model (null = the server's default model), the requested temperature and
 * completion length (null = the model's defaults; both pass through the model's safeguards), the timeout of
 * one provider request (null = {@code autoanalyst.llm.timeout}) and the caller's cancellation token.
 */
public record CallOptions(String model, Double temperature, Integer maxTokens, Duration timeout,
                          CancellationToken cancellation) {

    public CallOptions {
        requireNonNull(cancellation, "cancellation");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    public static CallOptions defaults() {
        return new CallOptions(null, null, null, null, CancellationToken.none());
    }

    public static CallOptions model(String model) {
        return new CallOptions(model, null, null, null, CancellationToken.none());
    }

    public CallOptions withModel(String m) {
        return new CallOptions(m, temperature, maxTokens, timeout, cancellation);
    }

    public CallOptions withGeneration(Double t, Integer tokens) {
        return new CallOptions(model, t, tokens, timeout, cancellation);
    }

    public CallOptions withTimeout(Duration t) {
        return new CallOptions(model, temperature, maxTokens, t, cancellation);
    }

    public CallOptions withCancellation(CancellationToken token) {
        return new CallOptions(model, temperature, maxTokens, timeout, token);
    }
}
