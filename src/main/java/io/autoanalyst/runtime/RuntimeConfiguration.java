package io.autoanalyst.runtime;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the kernels. {@link KernelSettings} is bound by the application's properties scan.
 * Beans are closed in reverse order on shutdown: sessions first, then the pool, which kills
 * every kernel it started, so no Python process outlives the server.
 */
@Configuration(proxyBeanMethods = false)
class RuntimeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RuntimeConfiguration.class);

    /** The one pool of kernels, started by the configured backend; what isolates them is the backend's to say. */
    @Bean(destroyMethod = "close")
    KernelPool kernelPool(KernelSettings settings) {
        KernelBackend backend = switch (settings.backend()) {
            case LOCAL -> new KernelLauncher(settings, Sandbox.probe(settings, settings.workRoot()));
            // fails the start when the service cannot be used: a server whose every run fails is worse
            case JUPYTER -> JupyterKernelLauncher.connect(settings, KernelLauncher.protocolJson());
        };
        SandboxStatus status = backend.sandboxStatus();
        if (!status.available()) {
            log.error("Python kernels unavailable: {}", status.detail());
        } else if (status.degraded()) {
            log.warn("Python kernel sandbox: {}", status.detail());
        } else {
            log.info("Python kernels: {}", status.detail());
        }
        KernelPool pool = new KernelPool(settings, backend);
        if (status.available()) pool.start();
        return pool;
    }

    @Bean(destroyMethod = "close")
    SessionKernels sessionKernels(KernelPool pool, KernelSettings settings, ObjectProvider<KernelInitializer> initializers,
                                  ObjectProvider<KernelPlacement> placements) {
        // The session feature provides the initializer that loads datasets; without one, kernels start empty.
        // The instance feature provides the placement that lets kernels move between server instances.
        return new SessionKernels(pool, initializers.getIfAvailable(NoKernelSetup::new),
                placements.getIfAvailable(() -> KernelPlacement.LOCAL), settings, Clock.systemUTC());
    }

    @Bean
    KernelHealthIndicator kernelHealthIndicator(KernelPool pool) {
        return new KernelHealthIndicator(pool);
    }
}
