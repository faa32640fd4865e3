package io.autoanalyst.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentSessionsTest {

    @Test
    @Tag("slow")
    void sixteenSessionsAtOnceEachGetTheirOwnResults(@TempDir Path workRoot) throws Exception {
        try (TestKernels kernels = TestKernels.start(workRoot, "max-kernels", "16", "pool-size", "2",
                "acquire-timeout", "180s", "start-timeout", "180s", "wall-time-per-run", "120s");
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = IntStream.range(0, 16).mapToObj(i -> threads.submit(() -> {
                String session = "session-" + i;
                kernels.sessions.run(session, "mine = pd.DataFrame({'v': range(%d)})".formatted(i * 100));
                RunResult result = kernels.sessions.run(session, "print(len(mine), int(mine['v'].sum()))");
                return result.stdout().strip();
            })).toList();

            for (int i = 0; i < 16; i++) {
                int n = i * 100;
                assertThat(answers.get(i).get()).as("session %d", i).isEqualTo(n + " " + (long) n * (n - 1) / 2);
            }
            assertThat(kernels.pool.liveCount()).isLessThanOrEqualTo(16);
            assertThat(kernels.sessions.activeKernels()).isEqualTo(16);
        }
    }
}
