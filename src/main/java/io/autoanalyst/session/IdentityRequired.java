package io.autoanalyst.session;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

/** A write that must belong to someone arrived with neither a bearer token nor a session id. */
public class IdentityRequired extends ApiException {
    public IdentityRequired() {
        super(HttpStatus.UNAUTHORIZED, "Say who you are: send Authorization: Bearer <token> (from POST /auth/login) "
                + "or the X-Session-ID of your session");
    }
}
