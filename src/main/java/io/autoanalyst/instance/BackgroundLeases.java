package io.autoanalyst.instance;

import io.autoanalyst.db.SqlTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Background jobs that must run once across instances, not once per instance: each instance's
 * schedule fires, and only the one that gets the job's lease runs it. The lease is held for the
 * job's period, so another instance whose schedule fires within it skips; an instance that died
 * holding it blocks the job for at most that period.
 */
@Component
public class BackgroundLeases {

    private final JdbcClient jdbc;
    private final InstanceRegistry instances;
    private final Clock clock;

    public BackgroundLeases(JdbcClient jdbc, InstanceRegistry instances, Clock clock) {
        this.jdbc = jdbc;
        this.instances = instances;
        this.clock = clock;
    }

    /**
     * Takes the lease of job {@code name} for {@code period} when nobody holds it now.
     *
     * @return whether this instance got it and should run the job
     */
    public boolean tryTake(String name, Duration period) {
        Instant now = clock.instant();
        // one statement, so two instances firing at once cannot both take it
        int taken = jdbc.sql("INSERT INTO background_leases (job_name, instance_id, expires_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (job_name) DO UPDATE SET instance_id = excluded.instance_id, expires_at = excluded.expires_at "
                        + "WHERE background_leases.expires_at <= ?")
                .params(name, instances.id(), SqlTime.of(now.plus(period)), SqlTime.of(now))
                .update();
        return taken > 0;
    }
}
