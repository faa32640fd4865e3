package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts kernels on a Jupyter kernel service (Jupyter Server, or Jupyter Enterprise Gateway placing
 * them on Kubernetes or YARN): {@code autoanalyst.kernel.backend=jupyter}. Each kernel still gets a
 * directory under the server's work root, which the kernel uses as its working directory: the
 * session's datasets are linked into it as for a local kernel, so the kernel's host must see the work
 * root, at the same path or at {@code autoanalyst.kernel.jupyter.work-root}.
 */
final class JupyterKernelLauncher implements KernelBackend {

    private final KernelSettings settings;
    private final KernelSettings.Jupyter service;
    private final Path workRoot;
    private final Path workRootOnKernelHost;
    private final String kernelSource;
    private final JsonMapper json;
    private final AtomicLong counter = new AtomicLong();

    private JupyterKernelLauncher(KernelSettings settings, JsonMapper json) {
        this.settings = settings;
        this.service = settings.jupyter();
        this.json = json;
        this.workRoot = settings.workRoot().toAbsolutePath().normalize();
        this.workRootOnKernelHost = service.workRoot() != null ? service.workRoot() : workRoot;
        try (InputStream source = JupyterKernelLauncher.class.getResourceAsStream("/python/kernel.py")) {
            if (source == null) throw new IllegalStateException("python/kernel.py is missing from the classpath");
            this.kernelSource = new String(source.readAllBytes(), StandardCharsets.UTF_8);
            Files.createDirectories(workRoot);
        } catch (IOException e) {
            throw new KernelUnavailable("Cannot prepare the kernel work root " + workRoot + ": " + e.getMessage(), e);
        }
    }

    /**
     * A launcher for the service in {@code settings.jupyter()}, after checking that the service answers,
     * accepts the token and has the kernel.
     *
     * @param json the kernel protocol's mapper
     * @throws IllegalStateException saying what is wrong, when the service cannot be used; the server
     *                               does not start without its kernels
     */
    static JupyterKernelLauncher connect(KernelSettings settings, JsonMapper json) {
        requireNonNull(settings, "settings");
        requireNonNull(json, "json");
        URI url = settings.jupyter().url();
        if (url == null) {
            throw new IllegalStateException("autoanalyst.kernel.backend=jupyter needs autoanalyst.kernel.jupyter.url, the "
                    + "base URL of the Jupyter Server or Enterprise Gateway (e.g. http://gateway:8888/)");
        }
        try {
            JupyterKernelClient.checkService(url, settings.jupyter().token(), settings.jupyter().kernelName(), json);
        } catch (KernelUnavailable e) {
            throw new IllegalStateException("autoanalyst.kernel.backend=jupyter, but the Jupyter kernel service at " + url
                    + " cannot be used: " + e.getMessage(), e);
        }
        return new JupyterKernelLauncher(settings, json);
    }

    @Override
    public JupyterKernel launch(int slot) {
        String id = "j" + counter.incrementAndGet() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        KernelDirectory directory;
        try {
            // owned by the server's user: a kernel host sharing the folder must run kernels as that user (or a group
            // the operator grants), see docs/scaling.md
            directory = KernelDirectory.create(workRoot.resolve(id), -1, false);
        } catch (IOException e) {
            throw new KernelUnavailable("Cannot create a kernel directory under " + workRoot + ": " + e.getMessage(), e);
        }
        JupyterKernelClient client = null;
        try {
            client = JupyterKernelClient.start(service.url(), service.token(), service.kernelName(), json,
                    settings.maxMessageBytes());
            String workingDirectory = workRootOnKernelHost.resolve(workRoot.relativize(directory.session())).toString();
            List<String> args = List.of("--output-cap", Long.toString(settings.outputCap().toBytes()),
                    "--result-cap", Long.toString(settings.resultCap().toBytes()),
                    "--table-rows", Integer.toString(settings.tableRows()));
            return JupyterKernel.start(id, slot, directory, client, kernelSource, workingDirectory, args,
                    settings.startTimeout(), json);
        } catch (RuntimeException e) {
            if (client != null) client.close();
            directory.delete();
            throw e;
        }
    }

    @Override
    public SandboxStatus sandboxStatus() {
        return new SandboxStatus(true, false, false, false, describe(settings));
    }

    /** One line for /health and the start-up log. */
    static String describe(KernelSettings settings) {
        return "kernels on the Jupyter kernel service at " + settings.jupyter().url() + " (kernel '"
                + settings.jupyter().kernelName() + "'); network, file and resource isolation are the service's "
                + "(see docs/scaling.md)";
    }

    @Override
    public void close() {
        // every kernel was started by the pool, which deletes them
    }
}
