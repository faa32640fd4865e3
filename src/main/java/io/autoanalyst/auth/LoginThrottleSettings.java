package io.autoanalyst.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How wrong passwords slow down further attempts (see {@link LoginThrottle}).
 *
 * @param freeFailures       wrong passwords in a row an account gets before each further one waits
 * @param maxDelay           the longest an account waits after a wrong password (the backoff doubles up to it),
 *                           so that whoever sends wrong passwords for a user locks them out for at most this long
 * @param addressFailures    wrong passwords one address may send in a burst, whichever accounts they are for
 * @param addressRefill      after the burst, one more attempt per this interval
 * @param forgetAfter        a quiet period after which an account's or address's failures are forgotten
 */
@ConfigurationProperties(prefix = "autoanalyst.auth.login-throttle")
public record LoginThrottleSettings(Integer freeFailures, Duration maxDelay, Integer addressFailures,
                                   Duration addressRefill, Duration forgetAfter) {

    public LoginThrottleSettings {
        if (freeFailures == null) freeFailures = 5;
        if (maxDelay == null) maxDelay = Duration.ofSeconds(60);
        if (addressFailures == null) addressFailures = 20;
        if (addressRefill == null) addressRefill = Duration.ofSeconds(15);
        if (forgetAfter == null) forgetAfter = Duration.ofHours(1);
        if (freeFailures < 0 || addressFailures < 1) throw new IllegalArgumentException("failure counts must be positive");
        if (!maxDelay.isPositive() || !addressRefill.isPositive() || !forgetAfter.isPositive()) {
            throw new IllegalArgumentException("login throttle durations must be positive");
        }
    }
}
