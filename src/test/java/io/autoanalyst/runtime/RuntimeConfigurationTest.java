package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The wiring, in a small Spring context: properties bind, kernels run, and closing the context stops them. */
class RuntimeConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KernelSettings.class)
    static class Properties {
    }

    @Test
    void contextRunsCodeReportsHealthAndStopsKernelsOnClose(@TempDir Path workRoot) {
        AtomicLong pid = new AtomicLong();
        AtomicLong uid = new AtomicLong(-1);
        new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, RuntimeConfiguration.class)
                .withBean(KernelInitializer.class, () -> (session, dir) -> "greeting = 'hello world'")
                .withPropertyValues("autoanalyst.kernel.work-root=" + workRoot.resolve("kernels"),
                        "autoanalyst.kernel.pool-size=1", "autoanalyst.kernel.wall-time-per-run=20s")
                .run(context -> {
                    assertThat(context.getBean(KernelSettings.class).wallTimePerRun()).hasSeconds(20);
                    SessionKernels sessions = context.getBean(SessionKernels.class);
                    RunResult result = sessions.run("s", "import os\nprint(greeting, os.getuid())");
                    assertThat(result.stdout()).startsWith("hello world ");
                    if (context.getBean(KernelPool.class).sandboxStatus().separateUsers()) {
                        uid.set(Long.parseLong(result.stdout().strip().split(" ")[2]));
                    }
                    pid.set(sessions.status("s").pid());
                    assertThat(context.getBean(KernelHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
                });
        assertThat(ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        if (uid.get() >= 0) assertThat(KernelProcess.processesOfUser(uid.get())).isEmpty();
    }
}
