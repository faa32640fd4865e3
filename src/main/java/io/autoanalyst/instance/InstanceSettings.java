package io.autoanalyst.instance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Server instance settings, {@code autoanalyst.instance.*}, for several instances on one database.
 *
 * @param id        this instance's id, sent in the {@code X-Autoanalyst-Instance} response header and
 *                  recorded in kernel leases; must differ between instances [host name + random suffix,
 *                  new at every start]
 * @param heartbeat how often the instance renews its record and its kernel leases [10s]
 * @param expiry    an instance (and its leases) not renewed for this long counts as gone [30s]
 */
@ConfigurationProperties(prefix = "autoanalyst.instance")
public record InstanceSettings(String id, Duration heartbeat, Duration expiry) {

    public InstanceSettings {
        heartbeat = heartbeat == null ? Duration.ofSeconds(10) : heartbeat;
        expiry = expiry == null ? Duration.ofSeconds(30) : expiry;
        if (heartbeat.isNegative() || heartbeat.isZero()) throw new IllegalArgumentException("heartbeat must be positive");
        if (expiry.compareTo(heartbeat) <= 0) throw new IllegalArgumentException("expiry must be longer than heartbeat");
        if (id != null && id.isBlank()) id = null;
        if (id != null && !id.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("autoanalyst.instance.id must be 1-100 letters, digits, '.', '_' or '-'");
        }
    }
}
