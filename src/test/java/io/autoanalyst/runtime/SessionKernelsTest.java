package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKernelsTest {

    @TempDir
    static Path workRoot;
    static TestKernels kernels;

    @BeforeAll
    static void startKernels() {
        kernels = TestKernels.start(workRoot, "pool-size", "1", "wall-time-per-run", "20s");
    }

    @AfterAll
    static void stopKernels() {
        kernels.close();
    }

    @Test
    void variablesSurviveBetweenRuns() {
        RunResult first = kernels.sessions.run("state", "x = 41");
        RunResult second = kernels.sessions.run("state", "x + 1");

        assertThat(first.success()).isTrue();
        assertThat(second.outputs()).singleElement().isInstanceOfSatisfying(KernelOutput.ExecuteResult.class,
                result -> assertThat(result.data().text(MimeBundle.PLAIN)).contains("42"));
    }
}
