package io.autoanalyst.instance;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Names the instance that answered in every response, so a load balancer (or an operator reading
 * a trace) can keep a session on the instance that holds its kernel; see docs/scaling.md.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class InstanceHeaderFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Autoanalyst-Instance";

    private final InstanceRegistry instances;

    InstanceHeaderFilter(InstanceRegistry instances) {
        this.instances = instances;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, instances.id());
        chain.doFilter(request, response);
    }
}
