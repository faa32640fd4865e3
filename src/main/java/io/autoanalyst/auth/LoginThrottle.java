package io.autoanalyst.auth;

import io.autoanalyst.auth.AuthExceptions.LoginThrottled;
import io.autoanalyst.auth.LoginThrottleRepository.AccountState;
import io.autoanalyst.instance.BackgroundLeases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
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
 * no hashing and tells nothing.
 *
 * <p>The per-account state is in the database ({@code login_throttle}), so every server instance on it
 * counts the same failures: behind a load balancer an account gets {@code freeFailures}, not that many
 * per instance. An attempt costs one read by primary key; a wrong password one upsert (atomic, so two
 * instances counting at once both count) and, once it must wait, one update; a right password writes only
 * when there were failures to forget or the address is new. Rows of quiet accounts are deleted every
 * {@link #CLEANUP_EVERY} by one instance. The per-address buckets stay in each instance's memory: they
 * change on every wrong password from an address, so sharing them would add a write per attempt of a
 * spraying address, and behind N instances an address gets at most N times its burst while the
 * per-account count, which is what guards each password, stays exact.
 */
@Component
public class LoginThrottle {

    /** Past this many tracked addresses, the ones quiet longest are forgotten first. */
    static final int MAX_TRACKED = 100_000;
    /** An account keeps at most this many known addresses. */
    static final int MAX_KNOWN_ADDRESSES = 32;
    /** How often quiet accounts' rows are deleted (by one instance). */
    static final Duration CLEANUP_EVERY = Duration.ofMinutes(10);
    /**
     * Known addresses are kept this long after the account's last change (a new address, a failure);
     * once deleted, the next right password from an address stores it again.
     */
    static final Duration KNOWN_ADDRESSES_KEPT = Duration.ofDays(30);

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final LoginThrottleSettings settings;
    private final LoginThrottleRepository accounts;
    private final BackgroundLeases leases;
    private final Clock clock;
    private final Map<String, AddressState> addresses = new ConcurrentHashMap<>();

    /** @param leases runs the clean-up once across instances; null runs it whenever asked (tests) */
    public LoginThrottle(LoginThrottleSettings settings, LoginThrottleRepository accounts, BackgroundLeases leases, Clock clock) {
        this.settings = settings;
        this.accounts = accounts;
        this.leases = leases;
        this.clock = clock;
    }

    /** What {@link #check} read, so that a right password needs no second read. */
    record Attempt(String account, String address, Optional<AccountState> state) {
    }

    /**
     * @param account at most 100 characters ({@code user:<id>}, or a hash of a name: see AuthService)
     * @throws LoginThrottled when this attempt must wait
     */
    public Attempt check(String account, String address) {
        if (account.length() > 100) throw new IllegalArgumentException("account keys are at most 100 characters");
        Instant now = clock.instant();
        AddressState byAddress = addresses.get(address);
        if (byAddress != null) {
            Duration wait = byAddress.waitFor(now, settings);
            if (!wait.isZero()) throw new LoginThrottled(wait, "this address");
        }
        Optional<AccountState> byAccount = accounts.find(account);
        if (byAccount.isPresent() && !byAccount.get().knownAddresses().contains(address)
                && now.isBefore(byAccount.get().waitUntil())) {
            throw new LoginThrottled(Duration.between(now, byAccount.get().waitUntil()), "this account");
        }
        return new Attempt(account, address, byAccount);
    }

    public void failed(String account, String address) {
        Instant now = clock.instant();
        int failures = accounts.fail(account, now, now.minus(settings.forgetAfter()));
        int over = failures - settings.freeFailures() + 1; // the attempt after the last free one waits
        if (over > 0) {
            long millis = 1000L << Math.min(over - 1, 40); // 1 s, 2 s, 4 s ...
            accounts.waitUntil(account, now.plusMillis(Math.min(millis, settings.maxDelay().toMillis())));
        }
        addresses.compute(address, (key, state) -> (state == null ? new AddressState(settings, now) : state).fail(now, settings));
        forgetQuietest(now);
    }

    public void succeeded(String account, String address) {
        succeeded(new Attempt(account, address, accounts.find(account)));
    }

    /** Resets the account's failures and remembers the address; writes only if either changes something. */
    public void succeeded(Attempt attempt) {
        Optional<AccountState> state = attempt.state();
        for (int tries = 0; tries < 3; tries++) {
            Set<String> known = new LinkedHashSet<>(state.map(AccountState::knownAddresses).orElse(Set.of()));
            boolean remember = !known.contains(attempt.address()) && known.size() < MAX_KNOWN_ADDRESSES
                    && rememberable(attempt.address());
            if (remember) known.add(attempt.address());
            if (state.isPresent() && state.get().failures() == 0 && !remember) return;
            if (accounts.reset(attempt.account(), state, known, clock.instant())) return;
            state = accounts.find(attempt.account()); // another instance changed the row since it was read
        }
        log.debug("The sign-in state of {} changed under three attempts to reset it; left as it is", attempt.account());
    }

    /** Deletes quiet accounts' rows, on one instance of all once per {@link #CLEANUP_EVERY}. */
    @Scheduled(initialDelayString = "PT10M", fixedDelayString = "PT10M")
    public void forgetQuietAccounts() {
        try {
            if (leases != null && !leases.tryTake("login-throttle-cleanup", CLEANUP_EVERY.minusMinutes(1))) return;
            Instant now = clock.instant();
            int deleted = accounts.deleteQuiet(now, now.minus(settings.forgetAfter()), now.minus(KNOWN_ADDRESSES_KEPT));
            if (deleted > 0) log.debug("Forgot the sign-in state of {} quiet accounts", deleted);
        } catch (RuntimeException e) {
            log.warn("Login throttle clean-up failed; it runs again later: {}", e.toString());
        }
    }

    /** Stored one per line, so an address with a line break (only a misbehaving proxy sends one) is not kept. */
    private static boolean rememberable(String address) {
        return !address.isEmpty() && address.length() <= 100 && address.indexOf('\n') < 0 && address.indexOf('\r') < 0;
    }

    private void forgetQuietest(Instant now) {
        if (addresses.size() > MAX_TRACKED) {
            addresses.values().removeIf(state -> state.full(now, settings));
            if (addresses.size() > MAX_TRACKED) addresses.clear();
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
