package io.autoanalyst.auth;

import io.autoanalyst.auth.AuthExceptions.AdminAccessDenied;
import io.autoanalyst.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * Decides whether a request may use an admin route. The key travels only in the
 * {@code X-Admin-API-Key} header: a key in a query string ends up in access logs and browser
 * history, so it is refused even when it is right. With no ADMIN_API_KEY configured the admin
 * routes are off, never open on a default key.
 */
@Component
public class AdminKeyGuard {

    public static final String HEADER = "X-Admin-API-Key";
    static final String NOT_CONFIGURED = "Admin routes are disabled: set ADMIN_API_KEY on the server to enable them";
    static final String INVALID = "Invalid or missing admin API key";
    static final String IN_QUERY = "The admin API key is not accepted in the query string: send it in the X-Admin-API-Key header";

    private final AuthSettings settings;

    public AdminKeyGuard(AuthSettings settings) {
        this.settings = settings;
    }

    public void check(HttpServletRequest request) {
        if (!settings.adminEnabled()) {
            throw new AdminAccessDenied(NOT_CONFIGURED);
        }
        if (QueryParameters.first(request, "admin_api_key").isPresent()
                || QueryParameters.first(request, HEADER).isPresent()) {
            throw new AdminAccessDenied(IN_QUERY);
        }
        String given = request.getHeader(HEADER);
        if (given == null || !constantTimeEquals(given, settings.adminApiKey())) {
            throw new AdminAccessDenied(INVALID);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
