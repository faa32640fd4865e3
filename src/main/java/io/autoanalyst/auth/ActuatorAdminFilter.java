package io.autoanalyst.auth;

import io.autoanalyst.auth.AuthExceptions.AdminAccessDenied;
import io.autoanalyst.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Metrics and the other operational endpoints under /actuator need the admin key; only the
 * health probes stay open, because load balancers call them without credentials.
 */
class ActuatorAdminFilter extends OncePerRequestFilter {

    private final AdminKeyGuard guard;
    private final ProblemWriter problems;

    ActuatorAdminFilter(AdminKeyGuard guard, ProblemWriter problems) {
        this.guard = guard;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !path.startsWith("/actuator") || path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            guard.check(request);
        } catch (AdminAccessDenied denied) {
            problems.write(response, denied.status(), denied.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }
}
