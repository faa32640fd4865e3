package io.autoanalyst.auth;

import io.autoanalyst.db.SqlTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for {@code login_throttle}: each account's wrong passwords, shared by every server instance on the
 * database. The same statements on SQLite and PostgreSQL (both have {@code ON CONFLICT} and {@code RETURNING}).
 */
@Repository
class LoginThrottleRepository {

    private final JdbcClient jdbc;

    LoginThrottleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An account's row.
     *
     * @param knownAddresses where the account signed in successfully, oldest first
     */
    record AccountState(int failures, Instant waitUntil, Instant lastActivity, Set<String> knownAddresses, String storedAddresses) {
    }

    /** The one read of a sign-in attempt: by primary key. */
    Optional<AccountState> find(String account) {
        return jdbc.sql("SELECT failures, wait_until, last_activity, known_addresses FROM login_throttle WHERE account = ?")
                .param(account)
                .query((rs, i) -> {
                    String stored = rs.getString("known_addresses");
                    Set<String> addresses = new LinkedHashSet<>();
                    if (!stored.isEmpty()) addresses.addAll(Arrays.asList(stored.split("\n")));
                    return new AccountState(rs.getInt("failures"), SqlTime.read(rs, "wait_until"), SqlTime.read(rs, "last_activity"),
                            addresses, stored);
                })
                .optional();
    }

    /**
     * Counts one wrong password, in one statement so that two instances counting at the same moment both
     * count. A series that had gone quiet (no wait pending, nothing since {@code quietBefore}) starts again at 1.
     *
     * @return the account's failures in a row, this one included
     */
    int fail(String account, Instant now, Instant quietBefore) {
        return jdbc.sql("INSERT INTO login_throttle (account, failures, wait_until, last_activity) VALUES (?, 1, ?, ?) "
                        + "ON CONFLICT (account) DO UPDATE SET failures = CASE WHEN login_throttle.wait_until <= ? "
                        + "AND login_throttle.last_activity < ? THEN 1 ELSE login_throttle.failures + 1 END, "
                        + "last_activity = excluded.last_activity RETURNING failures")
                .params(account, SqlTime.of(Instant.EPOCH), SqlTime.of(now), SqlTime.of(now), SqlTime.of(quietBefore))
                .query(Integer.class)
                .single();
    }

    /** Makes the account wait until {@code until}, unless a concurrent failure already set a later time. */
    void waitUntil(String account, Instant until) {
        jdbc.sql("UPDATE login_throttle SET wait_until = ? WHERE account = ? AND wait_until < ?")
                .params(SqlTime.of(until), account, SqlTime.of(until))
                .update();
    }

    /**
     * Resets the failures after a right password and stores the known addresses, provided the row still
     * has the addresses it was read with (another instance adding one at the same time is not overwritten).
     *
     * @param previous the row as read, or empty when there was none
     * @return whether it was written; if not, read again and retry
     */
    boolean reset(String account, Optional<AccountState> previous, Set<String> addresses, Instant now) {
        String stored = String.join("\n", addresses);
        if (previous.isEmpty()) {
            return jdbc.sql("INSERT INTO login_throttle (account, failures, wait_until, last_activity, known_addresses) "
                            + "VALUES (?, 0, ?, ?, ?) ON CONFLICT (account) DO NOTHING")
                    .params(account, SqlTime.of(Instant.EPOCH), SqlTime.of(now), stored)
                    .update() > 0;
        }
        return jdbc.sql("UPDATE login_throttle SET failures = 0, wait_until = ?, last_activity = ?, known_addresses = ? "
                        + "WHERE account = ? AND known_addresses = ?")
                .params(SqlTime.of(Instant.EPOCH), SqlTime.of(now), stored, account, previous.get().storedAddresses())
                .update() > 0;
    }

    /**
     * Deletes the rows that say nothing any more: no wait pending, and quiet since {@code quietBefore}, or
     * since {@code addressesQuietBefore} for rows that remember addresses.
     *
     * @return rows deleted
     */
    int deleteQuiet(Instant now, Instant quietBefore, Instant addressesQuietBefore) {
        return jdbc.sql("DELETE FROM login_throttle WHERE wait_until <= ? AND last_activity < ? "
                        + "AND (known_addresses = '' OR last_activity < ?)")
                .params(SqlTime.of(now), SqlTime.of(quietBefore), SqlTime.of(addressesQuietBefore))
                .update();
    }
}
