package io.autoanalyst.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.autoanalyst.auth.AuthExceptions.LoginThrottled;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import io.autoanalyst.support.SqliteDatabase;
import java.util.Properties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The backoff doubles, stops at its cap, and ends: a guesser cannot lock a user out for long. State in a real SQLite file. */
class LoginThrottleTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    private final JdbcClient jdbc = migratedSqlite();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottleSettings(5, Duration.ofSeconds(60), 1000,
            Duration.ofSeconds(1), Duration.ofHours(1)), new LoginThrottleRepository(jdbc), null, clock);

    @Test
    void theWaitDoublesUpToTheCapAndThenLetsTheNextAttemptThrough() {
        long[] expected = {1, 2, 4, 8, 16, 32, 60, 60, 60};
        for (int i = 0; i < 4; i++) throttle.failed("user:1", "203.0.113." + i);
        throttle.check("user:1", "192.0.2.1"); // four wrong passwords cost nothing
        for (long seconds : expected) {
            throttle.failed("user:1", "203.0.113.99");
            assertThat(waitSeconds("user:1", "192.0.2.1")).isEqualTo(seconds);
            now = now.plusSeconds(seconds);
            throttle.check("user:1", "192.0.2.1"); // the wait is over: the next attempt goes through
        }
    }

    @Test
    void aRightPasswordResetsTheCountAndThatAddressIsNeverMadeToWait() {
        throttle.succeeded("user:2", "192.0.2.7");
        for (int i = 0; i < 20; i++) throttle.failed("user:2", "203.0.113.5");
        throttle.check("user:2", "192.0.2.7");
        assertThat(waitSeconds("user:2", "192.0.2.8")).isPositive();
        throttle.succeeded("user:2", "192.0.2.7");
        throttle.check("user:2", "192.0.2.8");
    }

    @Test
    void failuresAreForgottenAfterAQuietHourButKnownAddressesAreNot() {
        throttle.succeeded("user:3", "192.0.2.7");
        for (int i = 0; i < 4; i++) throttle.failed("user:3", "203.0.113.1");
        now = now.plus(Duration.ofHours(2));
        throttle.failed("user:3", "203.0.113.1");
        throttle.check("user:3", "192.0.2.1"); // the fifth failure, but in a new series
        for (int i = 0; i < 10; i++) throttle.failed("user:3", "203.0.113.1");
        assertThat(waitSeconds("user:3", "192.0.2.1")).isPositive();
        throttle.check("user:3", "192.0.2.7");
    }

    @Test
    void theCleanUpDeletesQuietAccountsAndKeepsRecentOnesAndKnownAddresses() {
        throttle.failed("user:4", "203.0.113.1");
        throttle.succeeded("user:7", "192.0.2.7");
        now = now.plus(Duration.ofHours(2));
        for (int i = 0; i < 12; i++) throttle.failed("user:6", "203.0.113.1");
        now = now.plus(Duration.ofSeconds(30));

        throttle.forgetQuietAccounts();

        assertThat(jdbc.sql("SELECT account FROM login_throttle").query(String.class).list())
                .containsExactlyInAnyOrder("user:6", "user:7");
        assertThat(waitSeconds("user:6", "192.0.2.1")).isEqualTo(30);
        for (int i = 0; i < 12; i++) throttle.failed("user:7", "203.0.113.1");
        throttle.check("user:7", "192.0.2.7");
    }

    /** A migrated SQLite file, connected the way the application connects. */
    private static JdbcClient migratedSqlite() {
        Properties properties = new Properties();
        properties.setProperty("date_class", "TEXT");
        properties.setProperty("date_string_format", "yyyy-MM-dd HH:mm:ss.SSS");
        DriverManagerDataSource dataSource = new DriverManagerDataSource("jdbc:sqlite:" + SqliteDatabase.newFolder().resolve("throttle.db"),
                properties);
        dataSource.setDriverClassName("org.sqlite.JDBC");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/sqlite").load().migrate();
        return JdbcClient.create(dataSource);
    }

    private long waitSeconds(String account, String address) {
        try {
            throttle.check(account, address);
            return 0;
        } catch (LoginThrottled e) {
            return Long.parseLong(e.headers().getFirst("Retry-After"));
        }
    }
}
