package io.autoanalyst.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session settings ({@code autoanalyst.session.*}).
 *
 * @param guestRetention guest sessions unused this long are removed with their datasets, chats and guest user
 */
@ConfigurationProperties("autoanalyst.session")
public record SessionSettings(@DefaultValue("30d") Duration guestRetention) {
    public SessionSettings {
        if (guestRetention == null || guestRetention.isNegative() || guestRetention.isZero()) {
            throw new IllegalArgumentException("autoanalyst.session.guest-retention must be positive");
        }
    }
}
