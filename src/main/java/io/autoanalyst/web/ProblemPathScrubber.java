package io.autoanalyst.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Every problem+json that leaves through MVC (any advice, any feature) has server paths taken out of its detail. */
@ControllerAdvice
class ProblemPathScrubber implements ResponseBodyAdvice<Object> {

    private final ServerPaths paths;

    ProblemPathScrubber(ServerPaths paths) {
        this.paths = paths;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof ProblemDetail problem && problem.getDetail() != null) {
            problem.setDetail(paths.scrub(problem.getDetail()));
        }
        return body;
    }
}
