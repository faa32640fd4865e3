package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escapes a kernel must not manage: network, other sessions' files, the server's files,
 * memory and process exhaustion. Needs a working bubblewrap; skipped (with the reason) without.
 */
class SandboxTest {

    @TempDir
    static Path workRoot;
    static TestKernels kernels;

    @BeforeAll
    static void startKernels() {
        kernels = TestKernels.start(workRoot, "sandbox", "auto", "pool-size", "1",
                "address-space", "1GB", "max-processes", "32", "wall-time-per-run", "30s");
        assumeTrue(kernels.pool.sandboxStatus().bwrap(), "bubblewrap is not usable here: " + kernels.pool.sandboxStatus().detail());
    }

    @AfterAll
    static void stopKernels() {
        if (kernels != null) kernels.close();
    }

    @Test
    void kernelRunsAsItsOwnUserWithoutCapabilities() {
        assumeTrue(kernels.pool.sandboxStatus().separateUsers(), "the server is not root: kernels share its user id");

        RunResult result = kernels.sessions.run("who", """
                import os
                status = open('/proc/self/status').read()
                caps = [l.split()[1] for l in status.splitlines() if l.startswith(('CapEff', 'CapPrm', 'CapBnd'))]
                print(os.getuid(), os.getgid(), caps, os.getcwd())
                """);

        String[] fields = result.stdout().strip().split(" ", 3);
        assertThat(Long.parseLong(fields[0])).isGreaterThanOrEqualTo(kernels.settings.uidBase());
        assertThat(fields[1]).isEqualTo(fields[0]);
        assertThat(fields[2]).isEqualTo("['0000000000000000', '0000000000000000', '0000000000000000'] /session");
    }

    @Test
    void connectingToALoopbackServerOfTheHostFails() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            try (Socket fromHost = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(fromHost.isConnected()).as("the server is reachable from outside the sandbox").isTrue();
            }

            RunResult result = kernels.sessions.run("net", """
                    import socket
                    try:
                        socket.create_connection(('127.0.0.1', %d), timeout=3)
                        print('connected')
                    except OSError as e:
                        print(type(e).__name__)
                    """.formatted(port));

            assertThat(result.stdout().strip()).isEqualTo("ConnectionRefusedError");
        }
    }

    @Test
    void namesDoNotResolveAndTheWebIsUnreachable() {
        RunResult result = kernels.sessions.run("dns", """
                import urllib.request
                try:
                    urllib.request.urlopen('http://example.com', timeout=3)
                    print('fetched')
                except OSError as e:
                    print('refused')
                """);

        assertThat(result.stdout().strip()).isEqualTo("refused");
    }

    @Test
    void otherSessionsFilesAndTheServersFilesAreInvisible(@TempDir Path serverFiles) throws IOException {
        Path database = Files.writeString(serverFiles.resolve("app.db"), "users and tokens");
        kernels.sessions.run("owner", "open('private.csv', 'w').write('a,b\\n1,2\\n')");
        Path otherSessionFile;
        try (Stream<Path> files = Files.walk(kernels.settings.workRoot())) {
            otherSessionFile = files.filter(p -> p.getFileName().toString().equals("private.csv")).findFirst().orElseThrow();
        }

        RunResult result = kernels.sessions.run("intruder", """
                import os
                for path in [%s, %s, '/work', '/root', '%s']:
                    print(path, os.path.exists(path))
                try:
                    open('/usr/lib/intruder.txt', 'w')
                except OSError as e:
                    print('write outside /session:', type(e).__name__)
                """.formatted(quoted(otherSessionFile), quoted(database), kernels.settings.workRoot().toAbsolutePath()));

        assertThat(result.stdout().lines().toList()).containsExactly(
                otherSessionFile + " False",
                database + " False",
                "/work False",
                "/root False",
                kernels.settings.workRoot().toAbsolutePath() + " False",
                "write outside /session: OSError");
        assertThat(Files.readString(database)).isEqualTo("users and tokens");
    }

    @Test
    void serverEnvironmentDoesNotReachUserCode() {
        RunResult result = kernels.sessions.run("env", "import os\nprint(sorted(os.environ))");

        assertThat(result.stdout().strip()).isEqualTo("['HOME', 'LANG', 'MKL_NUM_THREADS', 'MPLBACKEND', 'MPLCONFIGDIR', "
                + "'OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'PATH', 'PWD', 'PYTHONIOENCODING', 'PYTHONUNBUFFERED', 'TMPDIR']");
    }

    @Test
    void memoryBombFailsWithMemoryErrorAndTheKernelLives() {
        kernels.sessions.run("memory", "kept = 'still here'");

        RunResult bytes = kernels.sessions.run("memory", "hog = bytearray(3 * 1024 ** 3)");
        RunResult array = kernels.sessions.run("memory", "hog = np.ones((40_000, 40_000))");
        RunResult growing = kernels.sessions.run("memory", "hog = []\nwhile True:\n    hog.append(' ' * 10_000_000)");
        RunResult after = kernels.sessions.run("memory", "del hog\nkept");

        assertThat(List.of(bytes, array, growing)).allSatisfy(result -> {
            assertThat(result.status()).isEqualTo(RunResult.Status.ERROR);
            assertThat(result.error().orElseThrow().ename()).endsWith("MemoryError");
        });
        assertThat(after.success()).isTrue();
        assertThat(TestKernels.resultText(after)).isEqualTo("'still here'");
    }

    @Test
    @Tag("slow")
    void forkBombIsContainedAndLeavesNothingBehind() {
        assumeTrue(kernels.pool.sandboxStatus().separateUsers(), "RLIMIT_NPROC is not enforced for root: needs its own user id");
        long uid = Long.parseLong(kernels.sessions.run("fork", "import os\nprint(os.getuid())").stdout().strip());

        // Bounded first: forks until refused, children exit on their own, nothing is left running.
        RunResult bounded = kernels.sessions.run("fork", """
                import os, time
                children = []
                try:
                    for _ in range(200):
                        pid = os.fork()
                        if pid == 0:
                            time.sleep(5)
                            os._exit(0)
                        children.append(pid)
                except OSError as e:
                    print('refused', e.errno)
                for pid in children:
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                print('forked', len(children))
                """);
        String[] lines = bounded.stdout().strip().split("\n");
        assertThat(lines[0]).isEqualTo("refused 11");
        assertThat(Integer.parseInt(lines[1].split(" ")[1])).isBetween(1, kernels.settings.maxProcesses() - 1);

        // Then the real thing: every process forks forever and ignores the refusals.
        RunResult bomb = kernels.sessions.run("fork", """
                import os
                while True:
                    try:
                        os.fork()
                    except OSError:
                        pass
                """, new RunOptions(false, Duration.ofSeconds(3)));

        assertThat(bomb.timedOut()).isTrue();
        assertThat(KernelProcess.processesOfUser(uid)).isEmpty();
        assertThat(kernels.sessions.run("fork", "'recovered'").success()).isTrue();
    }

    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath() + "'";
    }
}
