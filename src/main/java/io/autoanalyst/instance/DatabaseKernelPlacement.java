package io.autoanalyst.instance;

import io.autoanalyst.db.SqlTime;
import io.autoanalyst.runtime.KernelPlacement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Kernel leases and recorded runs in the database, shared by every instance.
 *
 * <p>A request for a session whose kernel another instance holds is served here anyway: the lease
 * moves to this instance, and the new kernel replays the session's runs. That is always correct
 * (the other instance sees its lease gone on its next run of the session and drops its stale kernel),
 * and costs a replay; sticky routing by session (docs/scaling.md) keeps it rare.
 */
@Component
class DatabaseKernelPlacement implements KernelPlacement {

    private static final Logger log = LoggerFactory.getLogger(DatabaseKernelPlacement.class);

    private final JdbcClient jdbc;
    private final InstanceRegistry instances;
    private final InstanceSettings settings;
    private final Clock clock;

    DatabaseKernelPlacement(JdbcClient jdbc, InstanceRegistry instances, InstanceSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.instances = instances;
        this.settings = settings;
        this.clock = clock;
    }

    private record Lease(String instanceId, String token) {
    }

    @Override
    public String claim(String sessionId, String heldToken) {
        Optional<Lease> lease = jdbc.sql("SELECT instance_id, lease_token FROM kernel_leases WHERE session_id = ?")
                .param(sessionId)
                .query((rs, i) -> new Lease(rs.getString("instance_id"), rs.getString("lease_token")))
                .optional();
        String me = instances.id();
        if (lease.isPresent() && lease.get().instanceId().equals(me) && lease.get().token().equals(heldToken)) return heldToken;
        if (lease.isPresent() && !lease.get().instanceId().equals(me)) {
            String previous = lease.get().instanceId();
            if (instances.isLive(previous)) {
                log.info("session {}: kernel moves here from live instance {} (is the load balancer sticky by session?)",
                        sessionId, previous);
            } else {
                log.info("session {}: taking over the kernel of gone instance {}", sessionId, previous);
            }
        }
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO kernel_leases (session_id, instance_id, lease_token, heartbeat_at, expires_at) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (session_id) DO UPDATE SET instance_id = excluded.instance_id, lease_token = excluded.lease_token, "
                        + "heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at")
                .params(sessionId, me, token, SqlTime.of(now), SqlTime.of(now.plus(settings.expiry())))
                .update();
        return token;
    }

    @Override
    public void recordRun(String sessionId, String code) {
        jdbc.sql("INSERT INTO kernel_runs (session_id, code, created_at) VALUES (?, ?, ?)")
                .params(sessionId, code, SqlTime.of(clock.instant()))
                .update();
    }

    @Override
    public List<String> runsToReplay(String sessionId) {
        return jdbc.sql("SELECT code FROM kernel_runs WHERE session_id = ? ORDER BY run_id")
                .param(sessionId)
                .query(String.class)
                .list();
    }

    @Override
    public void discardState(String sessionId) {
        jdbc.sql("DELETE FROM kernel_runs WHERE session_id = ?").param(sessionId).update();
        jdbc.sql("DELETE FROM kernel_leases WHERE session_id = ?").param(sessionId).update();
    }

    @Override
    public String instanceId() {
        return instances.id();
    }
}
