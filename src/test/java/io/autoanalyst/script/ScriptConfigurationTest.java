package io.autoanalyst.script;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.runtime.SessionKernels;
import io.autoanalyst.runtime.TestKernels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The wiring, in a small Spring context: the runner is built on the session kernels the context has. */
class ScriptConfigurationTest {

    @Test
    void contextProvidesARunnerOnTheSessionKernels(@TempDir Path workRoot) {
        try (TestKernels kernels = TestKernels.start(workRoot)) {
            new ApplicationContextRunner()
                    .withUserConfiguration(ScriptConfiguration.class)
                    .withBean(SessionKernels.class, () -> kernels.sessions)
                    .run(context -> {
                        MarkerScriptRunner runner = context.getBean(MarkerScriptRunner.class);
                        assertThat(runner.execute("s", "# a code start\nprint(6 * 7)\n# a code end\n").output())
                                .isEqualTo("\n\n=== OUTPUT FROM A ===\n42\n");
                    });
        }
    }
}
