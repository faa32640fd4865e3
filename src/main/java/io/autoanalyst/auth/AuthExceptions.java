package io.autoanalyst.auth;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

/** The typed failures of signing up and in. */
public final class AuthExceptions {

    private AuthExceptions() {
    }

    public static class EmailAlreadyRegistered extends ApiException {
        public EmailAlreadyRegistered() {
            super(HttpStatus.CONFLICT, "An account with this email already exists: log in instead");
        }
    }

    public static class UsernameTaken extends ApiException {
        public UsernameTaken() {
            super(HttpStatus.CONFLICT, "This username is taken: choose another");
        }

        private UsernameTaken(String detail) {
            super(HttpStatus.CONFLICT, detail);
        }

        /** Two registrations raced for the same email or name. */
        public static class OrEmail extends UsernameTaken {
            public OrEmail() {
                super("An account with this email or username was just created: log in, or choose another username");
            }
        }
    }

    public static class InvalidCredentials extends ApiException {
        public InvalidCredentials() {
            super(HttpStatus.UNAUTHORIZED, "Invalid email or password");
        }
    }

    /** Too many wrong passwords for an account or from an address (LoginThrottle). */
    public static class LoginThrottled extends ApiException {
        private final long retryAfterSeconds;

        public LoginThrottled(java.time.Duration wait, String forWhom) {
            super(HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins for " + forWhom + ": try again in "
                    + seconds(wait) + " s (see Retry-After)");
            this.retryAfterSeconds = seconds(wait);
        }

        private static long seconds(java.time.Duration wait) {
            return Math.max(1, (wait.toMillis() + 999) / 1000);
        }

        @Override
        public org.springframework.http.HttpHeaders headers() {
            org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
            headers.set(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
            return headers;
        }
    }

    public static class AuthenticationRequired extends ApiException {
        public AuthenticationRequired() {
            super(HttpStatus.UNAUTHORIZED, "Sign in first: send Authorization: Bearer <token> (from POST /auth/login)");
        }
    }

    public static class AdminAccessDenied extends ApiException {
        public AdminAccessDenied(String detail) {
            super(HttpStatus.FORBIDDEN, detail);
        }
    }
}
