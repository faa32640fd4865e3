package io.autoanalyst.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A failure whose message a user can act on. Features subclass it with a name that says what
 * went wrong ({@code SessionNotFound}, {@code UploadRejected}); the web edge turns it into
 * problem+json with this status and the message as {@code detail}.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;

    protected ApiException(HttpStatus status, String detail) {
        super(detail);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** Headers the answer carries besides the problem (Retry-After, say); none by default. */
    public HttpHeaders headers() {
        return HttpHeaders.EMPTY;
    }

    /** Short title for the problem; the class name spelt out by default. */
    public String title() {
        return status.getReasonPhrase();
    }
}
