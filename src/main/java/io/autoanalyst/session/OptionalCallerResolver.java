package io.autoanalyst.session;

import io.autoanalyst.auth.CurrentCaller;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a handler take {@code Optional<Caller>}: empty when the request names nobody (no bearer token and
 * no session id). Reads that the original frontend sends without any identity (feedback, agent
 * preferences) answer "nothing here" with it instead of an error, and reveal nothing of anyone.
 */
@Component
public class OptionalCallerResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    private final SessionContextResolver sessions;
    private final CurrentCaller caller;

    public OptionalCallerResolver(SessionContextResolver sessions, CurrentCaller caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Optional.class
                && parameter.getGenericParameterType() instanceof ParameterizedType type
                && type.getActualTypeArguments()[0] == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (caller.authenticated().isEmpty() && SessionContextResolver.sessionIdOf(request) == null) {
            return Optional.empty();
        }
        return Optional.of(sessions.callerOf(request));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
