package io.autoanalyst.dataset;

import io.autoanalyst.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * An upload the product will not store, with a reason the user can act on. The status says which
 * kind of problem it is: 400 the request is wrong, 413 too large, 415 not a format we read,
 * 422 a format we read but content we cannot make a table of.
 */
public class UploadRejected extends ApiException {

    private UploadRejected(HttpStatus status, String detail) {
        super(status, detail);
    }

    public static UploadRejected badRequest(String detail) {
        return new UploadRejected(HttpStatus.BAD_REQUEST, detail);
    }

    public static UploadRejected tooLarge(String detail) {
        return new UploadRejected(HttpStatus.CONTENT_TOO_LARGE, detail);
    }

    public static UploadRejected unsupported(String detail) {
        return new UploadRejected(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
    }

    public static UploadRejected unreadable(String detail) {
        return new UploadRejected(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }

    @Override
    public String title() {
        return "Upload rejected";
    }
}
