package io.autoanalyst.analytics;

import io.autoanalyst.db.DatabaseUrl;
import io.autoanalyst.instance.InstanceRegistry;
import io.autoanalyst.llm.UsageRecorded;
import io.autoanalyst.llm.UsageRepository;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Brings the model calls recorded on other server instances to this instance's realtime dashboards, on
 * PostgreSQL: after each {@code model_usage} insert this instance sends {@code NOTIFY autoanalyst_usage,
 * '<instance id> <usage id>'}, and a connection of its own {@code LISTEN}s, reads the rows other instances
 * announce and hands them to {@link RealtimeAnalytics}. Its own announcements it skips: its dashboards heard
 * those calls already, straight from the event, so every dashboard hears each call once.
 *
 * <p>The payload is the row's id, not the row: far under PostgreSQL's 8000-byte limit, and the listener
 * reads the row (by primary key) only when this instance has dashboards connected. The listening connection
 * is not from the pool (it is held for the instance's life); when it breaks it is opened again, backing off
 * up to {@link #MAX_BACKOFF}, and calls announced meanwhile are not shown (the dashboards' totals come from
 * the database on their next load). On SQLite (one machine, one instance by design) nothing is sent.
 */
@Component
public class RealtimeRelay implements SmartLifecycle {

    static final String CHANNEL = "autoanalyst_usage";
    /** How long one wait for notifications lasts before the connection is checked. */
    static final Duration POLL = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RealtimeRelay.class);

    private final JdbcClient jdbc;
    private final DatabaseUrl database;
    private final InstanceRegistry instances;
    private final UsageRepository usage;
    private final RealtimeAnalytics realtime;
    private final boolean enabled;
    private volatile boolean running;
    private volatile Connection listening;

    public RealtimeRelay(JdbcClient jdbc, DatabaseUrl database, InstanceRegistry instances, UsageRepository usage,
                         RealtimeAnalytics realtime) {
        this.jdbc = jdbc;
        this.database = database;
        this.instances = instances;
        this.usage = usage;
        this.realtime = realtime;
        this.enabled = database.vendor() == DatabaseUrl.Vendor.POSTGRESQL;
    }

    /** Announces a row recorded here; delivered to listeners when the insert's transaction (if any) commits. */
    @EventListener
    public void onUsage(UsageRecorded event) {
        if (!enabled || event.usage().usageId() == null) return;
        try {
            jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, instances.id() + " " + event.usage().usageId())
                    .query((rs, row) -> row).list();
        } catch (RuntimeException e) {
            // other instances' dashboards miss this call; the model call itself must not fail over it
            log.warn("Could not announce model usage row {} to other instances: {}", event.usage().usageId(), e.toString());
        }
    }

    @Override
    public void start() {
        if (!enabled) return;
        running = true;
        Thread.ofPlatform().daemon().name("analytics-listen").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        Connection c = listening;
        if (c != null) {
            try {
                c.close(); // ends a wait for notifications at once
            } catch (SQLException e) {
                log.debug("Closing the analytics listening connection: {}", e.toString());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration backoff = Duration.ofSeconds(1);
        boolean failedBefore = false;
        while (running) {
            try (Connection c = connect()) {
                listening = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (failedBefore) log.info("Listening for other instances' model calls again");
                failedBefore = false;
                backoff = Duration.ofSeconds(1);
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = pg.getNotifications((int) POLL.toMillis());
                    if (received == null || received.length == 0) {
                        // a connection cut without a word only shows when something is sent on it
                        if (!c.isValid(5)) throw new SQLException("the listening connection no longer answers");
                        continue;
                    }
                    for (PGNotification n : received) deliver(n.getParameter());
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) return;
                log.warn("Listening for other instances' model calls failed ({}); trying again in {} s", e.toString(),
                        backoff.toSeconds());
                failedBefore = true;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } finally {
                listening = null;
            }
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (database.username() != null) properties.setProperty("user", database.username());
        if (database.password() != null) properties.setProperty("password", database.password());
        properties.setProperty("ApplicationName", "autoanalyst-analytics-listen");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }

    /** @param payload {@code <instance id> <usage id>} */
    private void deliver(String payload) {
        int space = payload.indexOf(' ');
        if (space <= 0) return;
        if (payload.substring(0, space).equals(instances.id())) return; // heard here already, from the event
        if (realtime.listeners(RealtimeChannel.DASHBOARD) + realtime.listeners(RealtimeChannel.USERS) == 0) return;
        try {
            usage.findById(Long.parseLong(payload.substring(space + 1)))
                    .ifPresent(row -> realtime.onUsage(new UsageRecorded(row)));
        } catch (NumberFormatException e) {
            log.debug("Ignoring a malformed usage announcement: {}", payload);
        }
    }
}
