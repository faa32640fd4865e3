package io.autoanalyst.web;

import org.springframework.http.HttpStatus;

/** A temporary refusal (capacity, rate limit): answered with a Retry-After header. */
public abstract class RetryableApiException extends ApiException {

    private final long retryAfterSeconds;

    protected RetryableApiException(HttpStatus status, String detail, long retryAfterSeconds) {
        super(status, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
