import io.autoanalyst.runtime.KernelLauncher;
import io.autoanalyst.runtime.KernelPool;
import io.autoanalyst.runtime.KernelSettings;
import io.autoanalyst.runtime.NoKernelSetup;
import io.autoanalyst.runtime.RunResult;
import io.autoanalyst.runtime.Sandbox;
import io.autoanalyst.runtime.SessionKernels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Kernel benchmark: one run measures the warm-kernel round trip through the Java API, the
 * floor (exec of the same snippet inside an already-running Python), a fresh python3 per
 * request, session start-up with and without the warm pool, and RSS per idle kernel.
 * Run with bench/run-kernel-bench.sh.
 */
public class KernelBench {

    static final String SNIPPET = """
            df = pd.DataFrame({'k': np.arange(1000) % 10, 'v': np.arange(1000.0)})
            out = df.groupby('k')['v'].mean().to_string()
            print(out)
            """;

    /** A typical agent step: a DataFrame and a Plotly chart shown (figure JSON returned). */
    static final String CHART = """
            frame = pd.DataFrame({'x': np.random.default_rng(1).normal(size=2000), 'g': np.arange(2000) % 4})
            fig = px.histogram(frame, x='x', color='g')
            fig.show()
            """;

    public static void main(String[] args) throws Exception {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int freshRuns = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path root = Files.createTempDirectory("kernel-bench");
        Files.setPosixFilePermissions(root, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));

        KernelSettings pooled = settings(root.resolve("pooled"), "2");
        Sandbox sandbox = Sandbox.probe(pooled, pooled.workRoot());
        System.out.println("sandbox: " + sandbox.status().detail());

        double warm;
        double warmChart;
        double withPool;
        List<Long> rss = new ArrayList<>();
        try (KernelPool pool = new KernelPool(pooled, new KernelLauncher(pooled, sandbox));
             SessionKernels sessions = new SessionKernels(pool, new NoKernelSetup(), pooled, Clock.systemUTC())) {
            pool.start();
            awaitWarm(pool, 2);
            check(sessions.run("bench", SNIPPET));
            // Warm the JIT as a running server would be: Jackson and the run path interpreted
            // cost more than the kernel's own work for a small snippet.
            for (int i = 0; i < 1500; i++) check(sessions.run("bench", SNIPPET));
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < warmRuns; i++) {
                long t = System.nanoTime();
                check(sessions.run("bench", SNIPPET));
                samples.add((System.nanoTime() - t) / 1e6);
            }
            warm = median(samples);
            for (int i = 0; i < 50; i++) check(sessions.run("bench", CHART));
            List<Double> chartSamples = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long t = System.nanoTime();
                check(sessions.run("bench", CHART));
                chartSamples.add((System.nanoTime() - t) / 1e6);
            }
            warmChart = median(chartSamples);

            List<Double> starts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                awaitWarm(pool, 1);
                long t = System.nanoTime();
                check(sessions.run("new-" + i, "1"));
                starts.add((System.nanoTime() - t) / 1e6);
            }
            withPool = median(starts);
            for (int i = 0; i < 5; i++) sessions.status("new-" + i).residentBytes().ifPresent(rss::add);
        }

        KernelSettings unpooled = settings(root.resolve("unpooled"), "0");
        double withoutPool;
        try (KernelPool pool = new KernelPool(unpooled, new KernelLauncher(unpooled, Sandbox.probe(unpooled, unpooled.workRoot())));
             SessionKernels sessions = new SessionKernels(pool, new NoKernelSetup(), unpooled, Clock.systemUTC())) {
            List<Double> starts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                check(sessions.run("cold-" + i, "1"));
                starts.add((System.nanoTime() - t) / 1e6);
                sessions.shutdown("cold-" + i);
            }
            withoutPool = median(starts);
        }

        double floor = pythonFloor(SNIPPET, warmRuns, pooled.python());
        double floorChart = pythonFloor(CHART, 100, pooled.python());
        double fresh = freshProcess(freshRuns, pooled.python());

        System.out.printf("snippet: 1000-row DataFrame, groupby mean, to_string, print%n");
        System.out.printf("(a) warm kernel round trip via SessionKernels.run   median %8.2f ms  (%d runs)%n", warm, warmRuns);
        System.out.printf("(b) exec inside a running python (floor)          median %8.2f ms  (%d runs)%n", floor, warmRuns);
        System.out.printf("(c) fresh /usr/bin/python3 per request            median %8.2f ms  (%d runs)%n", fresh, freshRuns);
        System.out.printf("ratio warm / floor  = %.2fx   (target <= 1.5x)%n", warm / floor);
        System.out.printf("ratio fresh / warm  = %.1fx   (target >= 10x)%n", fresh / warm);
        System.out.printf("chart step: 2000-row DataFrame, px.histogram, fig.show() -> figure JSON%n");
        System.out.printf("(a) warm kernel round trip   median %8.2f ms   (b) floor median %8.2f ms   ratio %.2fx%n",
                warmChart, floorChart, warmChart / floorChart);
        System.out.printf("session start, warm pool    median %8.1f ms%n", withPool);
        System.out.printf("session start, no pool      median %8.1f ms  (%.1fx slower)%n", withoutPool, withoutPool / withPool);
        double rssMiB = median(rss.stream().map(b -> b / 1048576.0).toList());
        System.out.printf("RSS per idle kernel         median %8.1f MiB (%d kernels)%n", rssMiB, rss.size());
        // machine-readable lines for bench/run (bench/README.md): metric, ours, baseline, unit, target, pass
        result("kernel: small snippet, warm kernel vs exec in a running python", warm, floor, "ms", "ratio <= 1.5", warm / floor <= 1.5);
        result("kernel: small snippet, fresh python3 vs warm kernel", fresh, warm, "ms", "ratio >= 10", fresh / warm >= 10);
        result("kernel: chart step, warm kernel vs exec in a running python", warmChart, floorChart, "ms", "(no target)", null);
        result("kernel: session start without pool vs with warm pool", withoutPool, withPool, "ms", "no pool < 100 ms", withoutPool < 100);
        result("kernel: RSS per idle kernel", rssMiB, Double.NaN, "MiB", "<= 100 MiB", rssMiB <= 100);
    }

    static void result(String metric, double ours, double baseline, String unit, String target, Boolean pass) {
        System.out.printf(java.util.Locale.ROOT, "RESULT {\"bench\":\"kernel\",\"metric\":\"%s\",\"ours\":%.3f,\"baseline\":%s,\"unit\":\"%s\",\"target\":\"%s\",\"pass\":%s}%n",
                metric, ours, Double.isNaN(baseline) ? "null" : String.format(java.util.Locale.ROOT, "%.3f", baseline), unit, target, pass);
    }

    static KernelSettings settings(Path workRoot, String poolSize) {
        return new Binder(new MapConfigurationPropertySource(Map.of(
                "autoanalyst.kernel.work-root", workRoot.toString(),
                "autoanalyst.kernel.pool-size", poolSize)))
                .bindOrCreate("autoanalyst.kernel", KernelSettings.class);
    }

    static void awaitWarm(KernelPool pool, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (pool.warmCount() < count && System.nanoTime() < deadline) Thread.sleep(20);
    }

    static void check(RunResult result) {
        if (!result.success()) throw new IllegalStateException("run failed: " + result.outputs());
    }

    static double pythonFloor(String source, int runs, String python) throws Exception {
        String program = """
                import io, contextlib, statistics, time
                import pandas as pd, numpy as np, plotly.express as px, plotly.io as pio, plotly.basedatatypes
                # show() serialises the figure, which is what the kernel does with it
                plotly.basedatatypes.BaseFigure.show = lambda self, *a, **k: print(pio.to_json(self, validate=False))
                snippet = %s  # source text: every request brings new code, so compiling it is part of the work
                ns = {'pd': pd, 'np': np, 'px': px}
                samples = []
                for i in range(200 + %d):
                    buf = io.StringIO()
                    t = time.perf_counter()
                    with contextlib.redirect_stdout(buf):
                        exec(snippet, ns)
                    if i >= 200:
                        samples.append((time.perf_counter() - t) * 1000)
                print(statistics.median(samples))
                """.formatted(pythonString(source), runs);
        return Double.parseDouble(runPython(python, program).strip());
    }

    static double freshProcess(int runs, String python) throws Exception {
        String program = "import pandas as pd, numpy as np\n" + SNIPPET;
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            runPython(python, program);
            samples.add((System.nanoTime() - t) / 1e6);
        }
        return median(samples);
    }

    static String runPython(String python, String program) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(python, "-c", program).redirectErrorStream(true);
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) throw new IllegalStateException(out);
        return out;
    }

    static String pythonString(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
