package io.autoanalyst.runtime;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Kernel shortages are temporary (503 with Retry-After); a missing Python is the operator's to fix (503). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class KernelExceptionAdvice {

    @ExceptionHandler(KernelCapacityExceeded.class)
    ResponseEntity<ProblemDetail> capacity(KernelCapacityExceeded e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())))
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }

    @ExceptionHandler(KernelUnavailable.class)
    ResponseEntity<ProblemDetail> unavailable(KernelUnavailable e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage()));
    }
}
