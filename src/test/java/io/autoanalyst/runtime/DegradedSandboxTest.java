package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without bubblewrap (sandbox=none) kernels still refuse the network from Python and say they are degraded. */
class DegradedSandboxTest {

    @Test
    void withoutBubblewrapTheStatusIsDegradedAndSocketsAreRefused(@TempDir Path workRoot) throws IOException {
        try (TestKernels kernels = TestKernels.start(workRoot, "sandbox", "none");
             ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            RunResult result = kernels.sessions.run("s", """
                    import socket
                    try:
                        socket.create_connection(('127.0.0.1', %d), timeout=3)
                        print('connected')
                    except OSError as e:
                        print(type(e).__name__, e)
                    """.formatted(server.getLocalPort()));

            SandboxStatus status = kernels.pool.sandboxStatus();
            assertThat(status.available()).isTrue();
            assertThat(status.bwrap()).isFalse();
            assertThat(status.degraded()).isTrue();
            assertThat(status.detail()).contains("degraded").contains("Python-level guard");
            assertThat(result.stdout().strip()).isEqualTo("PermissionError network access is disabled in this kernel");
        }
    }

    @Test
    void missingPythonMakesKernelsUnavailableWithAnInstallHint(@TempDir Path workRoot) {
        KernelSettings settings = TestKernels.settings(workRoot, "python", "/nonexistent/python3");

        SandboxStatus status = Sandbox.probe(settings, workRoot).status();

        assertThat(status.available()).isFalse();
        assertThat(status.detail()).contains("/nonexistent/python3").contains("apt-get install").contains("python3-pandas");
    }
}
