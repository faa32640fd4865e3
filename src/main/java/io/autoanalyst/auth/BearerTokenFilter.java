package io.autoanalyst.auth;

import io.autoanalyst.web.ProblemWriter;
import io.autoanalyst.web.RequestIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <token>} into the caller's identity. No header means an
 * anonymous caller (a guest, as in the original); a header with a bad token is refused outright
 * rather than silently downgraded to anonymous, so a client learns its token has expired.
 */
public class BearerTokenFilter extends OncePerRequestFilter {

    private final AuthService auth;
    private final ProblemWriter problems;

    public BearerTokenFilter(AuthService auth, ProblemWriter problems) {
        this.auth = auth;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            problems.write(response, HttpStatus.UNAUTHORIZED, "Authorization header must be 'Bearer <token>'");
            return;
        }
        Optional<AuthenticatedUser> user = auth.authenticate(header.substring(7).strip());
        if (user.isEmpty()) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            problems.write(response, HttpStatus.UNAUTHORIZED, "Invalid, expired or revoked token: log in again");
            return;
        }
        var authentication = new UsernamePasswordAuthenticationToken(user.get(), null,
                List.of(new SimpleGrantedAuthority("ROLE_USER")));
        SecurityContextHolder.getContext().setAuthentication(authentication);
        MDC.put(RequestIdFilter.MDC_USER_ID, String.valueOf(user.get().userId()));
        chain.doFilter(request, response);
    }
}
