package io.autoanalyst.auth;

import io.autoanalyst.auth.AuthExceptions.LoginThrottled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing per account and per address, without letting a guesser lock the real
 * user out for long:
 * <ul>
 *   <li><b>Per account</b>, after {@code freeFailures} wrong passwords in a row each further one
 *       makes the account wait 1 s, 2 s, 4 s ... up to {@code maxDelay} (60 s): a guesser gets at
 *       most about one try a minute however many addresses they use, and the user at most a minute's
 *       wait. Addresses the account signed in from successfully are not made to wait, so a guesser
 *       elsewhere cannot keep the user out at all from where they usually sign in.</li>
 *   <li><b>Per address</b>, a bucket of {@code addressFailures} wrong passwords refilled one per
 *       {@code addressRefill}: one address trying many accounts is slowed however it spreads them.
 *       It touches only that address.</li>
 *   <li>A right password resets the account's count.</li>
 * </ul>
 * A refused attempt is answered 429 with Retry-After before the password is checked, so it costs
 * no hashing and tells nothing. State is in memory: a restart forgets it, and each server of a
 * cluster counts on its own (a shared store would be needed to count across them).
 */
@Component
public class LoginThrottle {

    /** Past this many tracked accounts or addresses, the ones quiet longest are forgotten first. */
    static final int MAX_TRACKED = 100_000;

    private final LoginThrottleSettings settings;
    private final Clock clock;
    private final Map<String, AccountState> accounts = new ConcurrentHashMap<>();
    private final Map<String, AddressState> addresses = new ConcurrentHashMap<>();

    public LoginThrottle(LoginThrottleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Throws {@link LoginThrottled} when this attempt must wait. */
    public void check(String account, String address) {
        Instant now = clock.instant();
        AddressState byAddress = addresses.get(address);
        if (byAddress != null) {
            Duration wait = byAddress.waitFor(now, settings);
            if (!wait.isZero()) throw new LoginThrottled(wait, "this address");
        }
        AccountState byAccount = accounts.get(account);
        if (byAccount != null && !byAccount.knownAddresses.contains(address)) {
            Duration wait = byAccount.waitFor(now);
            if (!wait.isZero()) throw new LoginThrottled(wait, "this account");
        }
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        accounts.compute(account, (key, state) -> {
            if (state == null) return new AccountState().fail(now, settings);
            if (state.quiet(now, settings)) return state.restarted().fail(now, settings); // a new series of failures
            return state.fail(now, settings);
        });
        addresses.compute(address, (key, state) -> (state == null ? new AddressState(settings, now) : state).fail(now, settings));
        forgetQuietest(now);
    }

    public void succeeded(String account, String address) {
        accounts.compute(account, (key, state) -> {
            AccountState fresh = state == null ? new AccountState() : state.restarted();
            if (fresh.knownAddresses.size() < 32) fresh.knownAddresses.add(address);
            fresh.lastActivity = clock.instant();
            return fresh;
        });
    }

    private void forgetQuietest(Instant now) {
        if (accounts.size() > MAX_TRACKED) {
            accounts.values().removeIf(state -> state.quiet(now, settings));
            if (accounts.size() > MAX_TRACKED) accounts.clear(); // a flood of names: memory first
        }
        if (addresses.size() > MAX_TRACKED) {
            addresses.values().removeIf(state -> state.full(now, settings));
            if (addresses.size() > MAX_TRACKED) addresses.clear();
        }
    }

    private static final class AccountState {
        // written inside the map's compute, read by check() without it
        volatile int failures;
        volatile Instant waitUntil = Instant.EPOCH;
        volatile Instant lastActivity = Instant.EPOCH;
        final Set<String> knownAddresses = ConcurrentHashMap.newKeySet();

        AccountState fail(Instant now, LoginThrottleSettings settings) {
            failures++;
            lastActivity = now;
            int over = failures - settings.freeFailures() + 1; // the attempt after the last free one waits
            if (over > 0) {
                long millis = 1000L << Math.min(over - 1, 40); // 1 s, 2 s, 4 s ...
                waitUntil = now.plusMillis(Math.min(millis, settings.maxDelay().toMillis()));
            }
            return this;
        }

        /** No failures, the same known addresses. */
        AccountState restarted() {
            AccountState fresh = new AccountState();
            fresh.knownAddresses.addAll(knownAddresses);
            return fresh;
        }

        Duration waitFor(Instant now) {
            return now.isBefore(waitUntil) ? Duration.between(now, waitUntil) : Duration.ZERO;
        }

        boolean quiet(Instant now, LoginThrottleSettings settings) {
            return !now.isBefore(waitUntil) && lastActivity.plus(settings.forgetAfter()).isBefore(now);
        }
    }

    /** A token bucket of wrong passwords, refilled continuously. */
    private static final class AddressState {
        double tokens;
        Instant updated;

        AddressState(LoginThrottleSettings settings, Instant now) {
            tokens = settings.addressFailures();
            updated = now;
        }

        private void refill(Instant now, LoginThrottleSettings settings) {
            double gained = (double) Duration.between(updated, now).toNanos() / settings.addressRefill().toNanos();
            if (gained > 0) {
                tokens = Math.min(settings.addressFailures(), tokens + gained);
                updated = now;
            }
        }

        synchronized AddressState fail(Instant now, LoginThrottleSettings settings) {
            refill(now, settings);
            tokens = Math.max(0, tokens - 1);
            return this;
        }

        synchronized Duration waitFor(Instant now, LoginThrottleSettings settings) {
            refill(now, settings);
            if (tokens >= 1) return Duration.ZERO;
            return Duration.ofNanos((long) Math.ceil((1 - tokens) * settings.addressRefill().toNanos()));
        }

        synchronized boolean full(Instant now, LoginThrottleSettings settings) {
            refill(now, settings);
            return tokens >= settings.addressFailures();
        }
    }
}
