package io.autoanalyst.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param debug {@code true} or {@code 1} turns on debug logging for the server's own code (bound from
 *              DEBUG, the original's switch). Any other value is off rather than an error: other
 *              tools use a DEBUG variable with values of their own.
 */
@ConfigurationProperties(prefix = "autoanalyst.logging")
public record LoggingSettings(@DefaultValue("false") String debug) {

    public boolean debugEnabled() {
        String value = debug == null ? "" : debug.strip();
        return "true".equalsIgnoreCase(value) || "1".equals(value);
    }
}
