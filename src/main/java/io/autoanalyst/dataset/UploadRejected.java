package io.autoanalyst.dataset;

import io.autoanalyst.web.ApiException;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;

/**
 * An upload the product will not store, with a reason the user can act on. The status says which
 * kind of problem it is: 400 the request is wrong, 413 too large, 415 not a format we read,
 * 422 a format we read but content we cannot make a table of.
 */
public class UploadRejected extends ApiException {

    /** What a quoted server path in a reader's message (DuckDB quotes the file it read) becomes. */
    static final String THE_FILE = "the uploaded file";
    private static final Pattern QUOTED_PATH = Pattern.compile("(['\"])/[^'\"\\n/]+/[^'\"\\n]*\\1");

    private UploadRejected(HttpStatus status, String detail) {
        super(status, QUOTED_PATH.matcher(detail).replaceAll("$1" + THE_FILE + "$1"));
    }

    /**
     * The same rejection naming the file the user sent instead of "the uploaded file" (the readers
     * only see the staged copy, whose path is the server's business).
     */
    public UploadRejected naming(String fileName) {
        String name = fileName == null ? "" : fileName.replaceAll("^.*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty() || !getMessage().contains(THE_FILE)) return this;
        if (name.length() > 100) name = name.substring(0, 100) + "...";
        UploadRejected named = new UploadRejected(status(), getMessage().replace(THE_FILE, name));
        named.initCause(getCause());
        return named;
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
