package io.autoanalyst.auth;

import java.util.Base64;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The key that seals users' own API keys ({@code autoanalyst.auth.secret-key}, bound from SECRET_KEY).
 *
 * @param secretKey base64 of 32 random bytes; unset (or blank): the server generates one into
 *                  {@code DATA_DIR/secret.key} once and keeps using it
 */
@ConfigurationProperties(prefix = "autoanalyst.auth")
public record SecretKeySettings(String secretKey) {

    public SecretKeySettings {
        if (secretKey != null && secretKey.isBlank()) secretKey = null;
        if (secretKey != null && !isKey(secretKey)) {
            throw new IllegalArgumentException("SECRET_KEY must be the base64 of 32 random bytes (e.g. openssl rand -base64 32)");
        }
    }

    static boolean isKey(String base64) {
        try {
            return Base64.getDecoder().decode(base64.strip()).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Never the key itself: settings get logged (e.g. in a failed start's report). */
    @Override
    public String toString() {
        return "SecretKeySettings[secretKey=" + (secretKey == null ? "unset" : "set") + "]";
    }
}
