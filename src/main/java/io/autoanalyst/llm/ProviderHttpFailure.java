package io.autoanalyst.llm;

import dev.langchain4j.exception.HttpException;
import java.time.Duration;
import java.util.Optional;

/**
 * A non-2xx answer of a provider, with what LangChain4j's own {@link HttpException} drops: the
 * {@code Retry-After} the provider asked for. Extends HttpException so that LangChain4j still maps the status
 * to its exception types, with this as the root cause.
 */
final class ProviderHttpFailure extends HttpException {

    private final transient Duration retryAfter;

    ProviderHttpFailure(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    String body() {
        return getMessage();
    }
}
