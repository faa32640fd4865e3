package io.autoanalyst.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param adminApiKey the key admin routes require in {@code X-Admin-API-Key} (ADMIN_API_KEY);
 *                    blank turns admin routes off rather than opening them on a default
 * @param tokenTtl    how long a login token stays valid
 */
@ConfigurationProperties(prefix = "autoanalyst.auth")
public record AuthSettings(String adminApiKey, Duration tokenTtl) {

    public AuthSettings {
        if (adminApiKey != null && adminApiKey.isBlank()) adminApiKey = null;
        if (tokenTtl == null) tokenTtl = Duration.ofDays(30);
        if (tokenTtl.isNegative() || tokenTtl.isZero()) throw new IllegalArgumentException("tokenTtl must be positive");
    }

    public boolean adminEnabled() {
        return adminApiKey != null;
    }
}
