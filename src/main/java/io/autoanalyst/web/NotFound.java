package io.autoanalyst.web;

import org.springframework.http.HttpStatus;

/**
 * The record does not exist for this caller. Also used for records that exist but belong to
 * someone else, so that ids cannot be probed.
 */
public class NotFound extends ApiException {
    public NotFound(String detail) {
        super(HttpStatus.NOT_FOUND, detail);
    }
}
