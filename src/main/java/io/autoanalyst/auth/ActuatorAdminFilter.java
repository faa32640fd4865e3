package io.autoanalyst.auth;

import io.autoanalyst.auth.AuthExceptions.AdminAccessDenied;
import io.autoanalyst.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Metrics and the other operational endpoints under /actuator need the admin key; only the
 * health probes stay open, because load balancers call them without credentials.
 *
 * <p>Which requests are actuator requests is decided by {@link EndpointRequest}, which matches the
 * path the way Spring MVC routes it (percent-decoded, matrix parameters dropped), not by comparing
 * the raw request URI: {@code /%61ctuator/prometheus} reaches the metrics endpoint, so it must
 * meet the guard too. Spellings MVC would route differently still (doubled slashes, dot segments,
 * semicolons, encoded slashes) never get here: Spring Security's firewall refuses them first.
 */
class ActuatorAdminFilter extends OncePerRequestFilter {

    private final AdminKeyGuard guard;
    private final ProblemWriter problems;
    private final RequestMatcher guarded = EndpointRequest.toAnyEndpoint().excluding(HealthEndpoint.class);

    ActuatorAdminFilter(AdminKeyGuard guard, ProblemWriter problems) {
        this.guard = guard;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !guarded.matches(request);
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
