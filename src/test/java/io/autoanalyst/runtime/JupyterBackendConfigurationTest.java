package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** backend=jupyter that cannot work stops the start with a message naming the setting, rather than failing every run. */
class JupyterBackendConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(KernelSettings.class)
    static class Properties {
    }

    @TempDir
    Path workRoot;

    private ApplicationContextRunner runner(String... properties) {
        return new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, RuntimeConfiguration.class)
                .withPropertyValues("autoanalyst.kernel.work-root=" + workRoot.resolve("kernels"), "autoanalyst.kernel.backend=jupyter")
                .withPropertyValues(properties);
    }

    @Test
    void withoutAUrlTheServerDoesNotStart() {
        runner().run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().hasMessageContaining("autoanalyst.kernel.backend=jupyter needs autoanalyst.kernel.jupyter.url"));
    }

    @Test
    void anUnreachableServiceStopsTheStartSayingWhere() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/";

        runner("autoanalyst.kernel.jupyter.url=" + url).run(context -> assertThat(context).hasFailed().getFailure()
                .rootCause().isInstanceOf(KernelUnavailable.class).hasMessageContaining("cannot be reached"));
        runner("autoanalyst.kernel.jupyter.url=" + url).run(context -> assertThat(context.getStartupFailure())
                .hasStackTraceContaining("the Jupyter kernel service at " + url + " cannot be used"));
    }

    @Test
    void theBackendIsLocalAndTheJupyterSettingsHaveDefaults() {
        KernelSettings settings = TestKernels.settings(workRoot, "jupyter.url", "http://gateway:8888/prefix");

        assertThat(settings.backend()).isEqualTo(KernelBackendKind.LOCAL);
        assertThat(settings.jupyter().kernelName()).isEqualTo("python3");
        assertThat(settings.jupyter().token()).isEmpty();
        assertThat(settings.jupyter().url()).as("API paths resolve under the prefix").hasToString("http://gateway:8888/prefix/");
    }
}
