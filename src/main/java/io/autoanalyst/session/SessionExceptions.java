package io.autoanalyst.session;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

/** Typed failures of session resolution. */
public final class SessionExceptions {

    private SessionExceptions() {
    }

    /** The original's frontend matches this exact text to start its own session bootstrap. */
    public static class SessionIdRequired extends ApiException {
        public SessionIdRequired() {
            super(HttpStatus.BAD_REQUEST, "Session ID required");
        }
    }

    public static class InvalidSessionId extends ApiException {
        public InvalidSessionId() {
            super(HttpStatus.BAD_REQUEST,
                    "Invalid session ID: use 1 to 128 characters from letters, digits, '-', '_', '.' and ':'");
        }
    }

    /** A guest's session id is their credential, so one that could be guessed is refused (SessionIds). */
    public static class GuessableSessionId extends ApiException {
        public GuessableSessionId() {
            super(HttpStatus.BAD_REQUEST, SessionIds.EXPECTED_FORM);
        }
    }

    /** Also the answer for a session that exists but belongs to someone else. */
    public static class SessionNotFound extends ApiException {
        public SessionNotFound() {
            super(HttpStatus.NOT_FOUND, "Session not found");
        }
    }
}
