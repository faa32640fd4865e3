package io.autoanalyst.instance;

import io.autoanalyst.db.SqlTime;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This server instance in the {@code instances} table: recorded at start, renewed with its kernel
 * leases on every heartbeat, removed at a clean stop. An instance that died stops renewing and
 * counts as gone once its record expires.
 */
@Component
public class InstanceRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InstanceRegistry.class);

    private final JdbcClient jdbc;
    private final InstanceSettings settings;
    private final Clock clock;
    private final String id;
    private volatile boolean running;

    public InstanceRegistry(JdbcClient jdbc, InstanceSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        // new at every start: leases of a previous run of this server then belong to a gone instance
        this.id = settings.id() != null ? settings.id() : hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public String id() {
        return id;
    }

    /** Whether the instance recorded under {@code instanceId} renewed its record recently enough. */
    public boolean isLive(String instanceId) {
        if (id.equals(instanceId)) return running;
        return jdbc.sql("SELECT count(*) FROM instances WHERE instance_id = ? AND expires_at > ?")
                .params(instanceId, SqlTime.of(clock.instant()))
                .query(Long.class).single() > 0;
    }

    @Override
    public void start() {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM instances WHERE instance_id = ?").param(id).update();
        jdbc.sql("INSERT INTO instances (instance_id, started_at, heartbeat_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(id, SqlTime.of(now), SqlTime.of(now), SqlTime.of(now.plus(settings.expiry())))
                .update();
        running = true;
        log.info("Server instance {} started", id);
    }

    @Scheduled(initialDelayString = "${autoanalyst.instance.heartbeat:10s}", fixedDelayString = "${autoanalyst.instance.heartbeat:10s}")
    public void heartbeat() {
        if (!running) return;
        try {
            Instant now = clock.instant();
            Instant expires = now.plus(settings.expiry());
            jdbc.sql("UPDATE instances SET heartbeat_at = ?, expires_at = ? WHERE instance_id = ?")
                    .params(SqlTime.of(now), SqlTime.of(expires), id).update();
            jdbc.sql("UPDATE kernel_leases SET heartbeat_at = ?, expires_at = ? WHERE instance_id = ?")
                    .params(SqlTime.of(now), SqlTime.of(expires), id).update();
            // records of instances that died long ago say nothing useful any more
            jdbc.sql("DELETE FROM instances WHERE expires_at < ?").param(SqlTime.of(now.minus(settings.expiry().multipliedBy(100))))
                    .update();
        } catch (RuntimeException e) {
            log.warn("Instance heartbeat failed; it is tried again: {}", e.getMessage());
        }
    }

    @Override
    public void stop() {
        running = false;
        try {
            // its kernel leases stay: they tell the next instance that this session's state must be rebuilt
            jdbc.sql("DELETE FROM instances WHERE instance_id = ?").param(id).update();
        } catch (RuntimeException e) {
            log.warn("Removing instance {} from the database failed: {}", id, e.getMessage());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "");
            return name.isEmpty() ? "instance" : name.length() > 60 ? name.substring(0, 60) : name;
        } catch (UnknownHostException e) {
            return "instance";
        }
    }
}
