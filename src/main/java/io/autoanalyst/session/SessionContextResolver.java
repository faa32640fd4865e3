package io.autoanalyst.session;

import io.autoanalyst.auth.CurrentCaller;
import io.autoanalyst.session.SessionExceptions.SessionIdRequired;
import io.autoanalyst.web.QueryParameters;
import io.autoanalyst.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.MDC;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a handler take a {@link SessionContext} parameter: the session named by
 * {@code X-Session-ID} (or the {@code session_id} query parameter, as in the original),
 * resolved for the calling user.
 */
@Component
public class SessionContextResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

    public static final String HEADER = "X-Session-ID";

    private final SessionService sessions;
    private final CurrentCaller caller;

    public SessionContextResolver(SessionService sessions, CurrentCaller caller) {
        this.sessions = sessions;
        this.caller = caller;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == SessionContext.class || parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                                          NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        if (parameter.getParameterType() == Caller.class) {
            return callerOf(request);
        }
        return sessionOf(request);
    }

    /** A signed-in caller needs no session; an anonymous one is known only through their session. */
    public Caller callerOf(HttpServletRequest request) {
        var authenticated = caller.authenticated();
        if (authenticated.isPresent()) {
            return new Caller(authenticated.get().userId(), false);
        }
        SessionContext session = sessionOf(request);
        return new Caller(session.userId(), session.owner().guest());
    }

    private SessionContext sessionOf(HttpServletRequest request) {
        String id = sessionIdOf(request);
        if (id == null) {
            throw new SessionIdRequired();
        }
        SessionContext context = sessions.resolve(id, caller.authenticated());
        MDC.put(RequestIdFilter.MDC_SESSION_ID, context.sessionId());
        MDC.put(RequestIdFilter.MDC_USER_ID, String.valueOf(context.userId()));
        return context;
    }

    /** The session id the request names (header, else the session_id query parameter), or null. */
    public static String sessionIdOf(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        return QueryParameters.first(request, "session_id").filter(id -> !id.isBlank()).orElse(null);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }
}
