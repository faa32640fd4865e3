package io.autoanalyst.dataset;

import io.autoanalyst.dataset.storage.UploadSpooler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Failures of the multipart layer, before any upload code runs: a body over the size limit is a
 * 413 naming the limit, and a malformed multipart request (a NUL in a file name, a cut body) is
 * the client's fault (400), never a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadProblems {

    private final DatasetSettings settings;

    UploadProblems(DatasetSettings settings) {
        this.settings = settings;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "The file is too large: over the upload limit of "
                + UploadSpooler.describe(settings.maxUploadSize().toBytes()));
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> malformed(MultipartException e) {
        return problem(HttpStatus.BAD_REQUEST, "The upload is not a valid multipart/form-data request "
                + "(check the file name and that the body was sent completely)");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Upload rejected");
        return ResponseEntity.status(status).body(problem);
    }
}
