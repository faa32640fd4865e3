package io.autoanalyst.runtime;

import io.autoanalyst.support.KernelUids;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Real kernels for a test: settings bound the way Spring binds them, a probed sandbox, a pool, sessions. Tests of
 * other packages run code in them through {@link #sessions}. */
public final class TestKernels implements AutoCloseable {

    final KernelSettings settings;
    final KernelPool pool;
    public final SessionKernels sessions;

    private TestKernels(KernelSettings settings, KernelInitializer initializer, Clock clock) {
        this.settings = settings;
        this.pool = new KernelPool(settings, new KernelLauncher(settings, Sandbox.probe(settings, settings.workRoot())));
        this.sessions = new SessionKernels(pool, initializer, settings, clock);
    }

    private TestKernels(KernelSettings settings, KernelBackend backend, KernelInitializer initializer) {
        this.settings = settings;
        this.pool = new KernelPool(settings, backend);
        this.sessions = new SessionKernels(pool, initializer, settings, Clock.systemUTC());
    }

    /** Kernels on the Jupyter Server {@code service} (backend=jupyter), sharing {@code workRoot} with it at the same path. */
    static TestKernels startJupyter(Path workRoot, JupyterTestServer service, KernelInitializer initializer, String... properties) {
        String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(properties), java.util.stream.Stream.of(
                "backend", "jupyter", "jupyter.url", service.url().toString(), "jupyter.token", service.token()))
                .toArray(String[]::new);
        KernelSettings settings = settings(workRoot, all);
        TestKernels kernels = new TestKernels(settings,
                JupyterKernelLauncher.connect(settings, KernelLauncher.protocolJson()), initializer);
        kernels.pool.start();
        return kernels;
    }

    /** Kernels under {@code workRoot} with the given {@code autoanalyst.kernel.*} properties (kebab-case names). */
    public static TestKernels start(Path workRoot, String... properties) {
        return start(workRoot, new NoKernelSetup(), Clock.systemUTC(), properties);
    }

    static TestKernels start(Path workRoot, KernelInitializer initializer, Clock clock, String... properties) {
        TestKernels kernels = new TestKernels(settings(workRoot, properties), initializer, clock);
        kernels.pool.start();
        return kernels;
    }

    static KernelSettings settings(Path workRoot, String... properties) {
        Map<String, String> map = new HashMap<>();
        map.put("autoanalyst.kernel.work-root", workRoot.resolve("kernels").toString());
        map.put("autoanalyst.kernel.pool-size", "0");
        map.put("autoanalyst.kernel.uid-base", KernelUids.nextBase());
        for (int i = 0; i < properties.length; i += 2) map.put("autoanalyst.kernel." + properties[i], properties[i + 1]);
        try {
            // JUnit makes temp dirs private to root; kernels running as their own user must reach their directory.
            Files.setPosixFilePermissions(workRoot, PosixFilePermissions.fromString("rwx--x--x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Binder(new MapConfigurationPropertySource(map)).bindOrCreate("autoanalyst.kernel", KernelSettings.class);
    }

    /** The text/plain of the run's execute_result (the value of its last expression). */
    static String resultText(RunResult result) {
        return result.outputs().stream()
                .filter(KernelOutput.ExecuteResult.class::isInstance)
                .map(o -> ((KernelOutput.ExecuteResult) o).data().text(MimeBundle.PLAIN).orElseThrow())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no execute_result in " + result.outputs()));
    }

    @Override
    public void close() {
        sessions.close();
        pool.close();
    }
}
