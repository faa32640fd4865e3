package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@link KernelBackendContract} on kernels of a real Jupyter Server ({@link JupyterTestServer}, on
 * loopback with a token, sharing the kernels' work root at the same path), plus what only this
 * backend has to prove: remote kernels are deleted when the server is done with them, and the
 * numbers the service does not give are empty.
 */
class JupyterKernelBackendTest extends KernelBackendContract {

    private JupyterTestServer service;

    @Override
    TestKernels start(Path workRoot, KernelInitializer initializer, String... properties) throws Exception {
        assumeTrue(JupyterTestServer.installed(), JupyterTestServer.MISSING);
        service = JupyterTestServer.start(workRoot);
        return TestKernels.startJupyter(workRoot, service, initializer, properties);
    }

    @AfterAll
    void stopService() {
        if (service != null) service.close();
    }

    @Test
    void restartAndShutdownDeleteTheRemoteKernel() throws Exception {
        String first = remoteId(kernels, "remote");

        kernels.sessions.restart("remote");
        String second = remoteId(kernels, "remote");
        kernels.sessions.shutdown("remote");

        assertThat(second).isNotEqualTo(first);
        assertThat(service.kernelIds()).doesNotContain(first, second);
    }

    @Test
    void aKernelThatTimedOutOrDiedIsDeletedOnTheService() throws Exception {
        String slow = remoteId(kernels, "slow");
        String dying = remoteId(kernels, "dying");

        kernels.sessions.run("slow", "import time\ntime.sleep(600)", THREE_SECONDS);
        kernels.sessions.run("dying", "import os\nos._exit(1)");

        assertThat(service.kernelIds()).doesNotContain(slow, dying);
    }

    @Test
    void closingTheKernelsLeavesNoRemoteKernelBehind() throws Exception {
        String a;
        String b;
        try (TestKernels own = TestKernels.startJupyter(workRoot, service, new NoKernelSetup(), "pool-size", "1")) {
            a = remoteId(own, "a");
            b = remoteId(own, "b");
            assertThat(service.kernelIds()).contains(a, b);
        }

        assertThat(service.kernelIds()).doesNotContain(a, b);
    }

    @Test
    void statusSaysAliveWithoutTheNumbersTheServiceDoesNotGive() {
        kernels.sessions.run("status", "1");

        KernelStatus status = kernels.sessions.status("status");

        assertThat(status.alive()).isTrue();
        assertThat(status.runs()).isEqualTo(1);
        assertThat(status.pid()).isZero();
        assertThat(status.residentBytes()).isEmpty();
    }

    /** The id on the Jupyter service of the session's kernel, as the kernel itself knows it (its connection file). */
    private static String remoteId(TestKernels kernels, String session) {
        RunResult result = kernels.sessions.run(session, "import ipykernel, os\nprint(os.path.basename(ipykernel.get_connection_file()))");
        String file = result.stdout().strip();
        assertThat(file).as(result.outputs().toString()).startsWith("kernel-").endsWith(".json");
        return file.substring("kernel-".length(), file.length() - ".json".length());
    }
}
