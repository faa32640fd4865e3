package io.autoanalyst.llm;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Model failures as problem+json. The status says whose problem it is: the client's (unknown
 * model), the provider's (5xx, bad answers, refused key: 502), time (504), limits (429).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class LlmExceptionAdvice {

    @ExceptionHandler(LlmException.class)
    ResponseEntity<ProblemDetail> llmFailure(LlmException e) {
        HttpStatus status = switch (e) {
            case UnknownModel unknown -> HttpStatus.BAD_REQUEST;
            case LlmUnavailable unavailable -> HttpStatus.SERVICE_UNAVAILABLE;
            case LlmRateLimited limited -> HttpStatus.TOO_MANY_REQUESTS;
            case LlmTimeout timeout -> HttpStatus.GATEWAY_TIMEOUT;
            case LlmCancelled cancelled -> HttpStatus.SERVICE_UNAVAILABLE;
            case LlmAuthenticationFailed auth -> HttpStatus.BAD_GATEWAY;
            case LlmBadResponse bad -> HttpStatus.BAD_GATEWAY;
            case LlmProviderFailed failed -> HttpStatus.BAD_GATEWAY;
        };
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof LlmRateLimited) {
            headers.set(HttpHeaders.RETRY_AFTER, "30");
        }
        return ResponseEntity.status(status).headers(headers).body(ProblemDetail.forStatusAndDetail(status, e.getMessage()));
    }
}
