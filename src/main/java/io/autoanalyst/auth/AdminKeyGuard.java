package io.autoanalyst.auth;

import io.autoanalyst.auth.AuthExceptions.AdminAccessDenied;
import io.autoanalyst.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides whether a request may use an admin route. The key travels only in the
 * {@code X-Admin-API-Key} header: a key in a query string ends up in access logs and browser
 * history, so it is refused even when it is right. With no ADMIN_API_KEY configured the admin
 * routes are off, never open on a default key. An operator may accept the {@code admin_api_key} query
 * parameter for the original frontend's proxy ({@link AdminKeySettings}).
 */
@Component
public class AdminKeyGuard {

    public static final String HEADER = "X-Admin-API-Key";
    static final String NOT_CONFIGURED = "Admin routes are disabled: set ADMIN_API_KEY on the server to enable them";
    static final String INVALID = "Invalid or missing admin API key";
    static final String IN_QUERY = "The admin API key is not accepted in the query string: send it in the X-Admin-API-Key header";

    public static final String QUERY_PARAMETER = "admin_api_key";

    private static final Logger log = LoggerFactory.getLogger(AdminKeyGuard.class);

    private final AuthSettings settings;
    private final AdminKeySettings keySettings;

    public AdminKeyGuard(AuthSettings settings, AdminKeySettings keySettings) {
        this.settings = settings;
        this.keySettings = keySettings;
    }

    public void check(HttpServletRequest request) {
        if (!settings.adminEnabled()) {
            throw new AdminAccessDenied(NOT_CONFIGURED);
        }
        var inQuery = QueryParameters.first(request, QUERY_PARAMETER);
        if (QueryParameters.first(request, HEADER).isPresent() || (inQuery.isPresent() && !keySettings.allowAdminKeyInQuery())) {
            throw new AdminAccessDenied(IN_QUERY);
        }
        String given = request.getHeader(HEADER);
        if (given == null && inQuery.isPresent()) {
            log.info("Admin key taken from the query string (allowed by autoanalyst.auth.allow-admin-key-in-query): {}",
                    withoutKey(request));
            given = inQuery.get();
        }
        if (given == null || !matches(given)) {
            throw new AdminAccessDenied(INVALID);
        }
    }

    /** Whether a key sent some other way (a WebSocket's first message or subprotocol) is the admin key. */
    public boolean matches(String given) {
        return settings.adminEnabled() && given != null && constantTimeEquals(given, settings.adminApiKey());
    }

    public boolean enabled() {
        return settings.adminEnabled();
    }

    /** The request's path and query with the admin key's value removed, for logs. */
    static String withoutKey(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) return request.getRequestURI();
        String kept = java.util.Arrays.stream(query.split("&"))
                .filter(p -> !p.toLowerCase(java.util.Locale.ROOT).startsWith(QUERY_PARAMETER + "="))
                .collect(java.util.stream.Collectors.joining("&"));
        return request.getRequestURI() + (kept.isEmpty() ? "" : "?" + kept);
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
