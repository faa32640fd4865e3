package io.autoanalyst.web;

import org.springframework.http.HttpStatus;

/** The request itself is wrong: a missing or malformed field. */
public class BadRequest extends ApiException {
    public BadRequest(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
