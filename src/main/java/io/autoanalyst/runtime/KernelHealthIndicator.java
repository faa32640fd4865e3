package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Kernel health for the actuator: DOWN when kernels cannot start at all, UP otherwise, with the
 * sandbox's degraded flag and reason so an operator sees a weaker sandbox at a glance.
 */
public final class KernelHealthIndicator implements HealthIndicator {

    private final KernelPool pool;

    public KernelHealthIndicator(KernelPool pool) {
        this.pool = requireNonNull(pool, "pool");
    }

    @Override
    public Health health() {
        SandboxStatus status = pool.sandboxStatus();
        Health.Builder health = status.available() ? Health.up() : Health.down();
        return health
                .withDetail("sandbox", status.bwrap() ? "bwrap" : "none")
                .withDetail("separateUsers", status.separateUsers())
                .withDetail("degraded", status.degraded())
                .withDetail("detail", status.detail())
                .withDetail("liveKernels", pool.liveCount())
                .withDetail("warmKernels", pool.warmCount())
                .withDetail("queuedRequests", pool.queuedCount())
                .build();
    }
}
