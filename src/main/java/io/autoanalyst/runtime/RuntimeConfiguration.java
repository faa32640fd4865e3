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

    @Bean
    Sandbox kernelSandbox(KernelSettings settings) {
        if (settings.backend() == KernelBackendKind.JUPYTER) {
            String detail = JupyterKernelLauncher.describe(settings);
            log.info("Python kernels: {}", detail);
            return Sandbox.elsewhere(settings, detail);
        }
        Sandbox sandbox = Sandbox.probe(settings, settings.workRoot());
        SandboxStatus status = sandbox.status();
        if (!status.available()) {
            log.error("Python kernels unavailable: {}", status.detail());
        } else if (status.degraded()) {
            log.warn("Python kernel sandbox: {}", status.detail());
        } else {
            log.info("Python kernel sandbox: {}", status.detail());
        }
        return sandbox;
    }

    @Bean(destroyMethod = "close")
    KernelPool kernelPool(KernelSettings settings, Sandbox sandbox) {
        KernelBackend backend = switch (settings.backend()) {
            case LOCAL -> new KernelLauncher(settings, sandbox);
            // fails the start when the service cannot be used: a server whose every run fails is worse
            case JUPYTER -> JupyterKernelLauncher.connect(settings, KernelLauncher.protocolJson());
        };
        KernelPool pool = new KernelPool(settings, backend);
        if (backend.sandboxStatus().available()) pool.start();
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
