package io.autoanalyst.auth;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param allowAdminKeyInQuery accept the admin key as the {@code admin_api_key} query parameter, as the
 *                             original frontend's feedback-analytics proxy sends it. Off by default:
 *                             query strings end up in access logs and browser history. When on, the
 *                             server logs such requests' paths with the key removed.
 */
@ConfigurationProperties(prefix = "autoanalyst.auth")
public record AdminKeySettings(boolean allowAdminKeyInQuery) {
}
