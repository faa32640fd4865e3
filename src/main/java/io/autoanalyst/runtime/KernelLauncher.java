package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts kernel processes: makes the kernel's directory, builds the sandboxed command, waits
 * until Python has warmed up. Which slot (and so which user id) a kernel gets is the pool's
 * business.
 */
public final class KernelLauncher implements KernelBackend {

    private final KernelSettings settings;
    private final Sandbox sandbox;
    private final Path workRoot;
    private final Path scriptDir;
    private final Path script;
    private final JsonMapper json;
    private final AtomicLong counter = new AtomicLong();
    /** Held while kernels run as their own user ids; null otherwise. */
    private final KernelUidLease uids;

    public KernelLauncher(KernelSettings settings, Sandbox sandbox) {
        this.settings = requireNonNull(settings, "settings");
        this.sandbox = requireNonNull(sandbox, "sandbox");
        SandboxStatus status = sandbox.status();
        this.uids = status.available() && status.separateUsers()
                ? KernelUidLease.acquire(settings.uidBase(), settings.maxKernels()) : null;
        this.workRoot = settings.workRoot().toAbsolutePath().normalize();
        this.json = protocolJson();
        try {
            Files.createDirectories(workRoot);
            // The script lives in the system temp directory, readable by every kernel user id:
            // without bubblewrap a kernel cannot traverse a private work root to reach it.
            this.scriptDir = Files.createTempDirectory("autoanalyst-kernel-");
            Files.setPosixFilePermissions(scriptDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            this.script = scriptDir.resolve("kernel.py");
            try (InputStream source = KernelLauncher.class.getResourceAsStream("/python/kernel.py")) {
                if (source == null) throw new IllegalStateException("python/kernel.py is missing from the classpath");
                Files.copy(source, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (IOException e) {
            if (uids != null) uids.close();
            throw new KernelUnavailable("Cannot prepare the kernel work root " + workRoot + ": " + e.getMessage(), e);
        }
    }

    /** The mapper of the kernel protocol's messages, whichever backend carries them. */
    static JsonMapper protocolJson() {
        // Kernels may hold NaN in figures; Python writes it as a bare NaN token.
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    }

    @Override
    public SandboxStatus sandboxStatus() {
        return sandbox.status();
    }

    JsonMapper json() {
        return json;
    }

    /** Starts a kernel in {@code slot} (0 ≤ slot < maxKernels); blocks until it is ready. */
    @Override
    public KernelProcess launch(int slot) {
        SandboxStatus status = sandbox.status();
        if (!status.available()) throw new KernelUnavailable(status.detail());
        long uid = status.separateUsers() ? settings.uidBase() + slot : -1;
        if (uid >= 0) {
            // A slot's user id is reused; nothing of its previous kernel may still run under it.
            KernelProcess.processesOfUser(uid).forEach(ProcessHandle::destroyForcibly);
        }
        String id = "k" + counter.incrementAndGet() + "-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        KernelDirectory directory;
        try {
            directory = KernelDirectory.create(workRoot.resolve(id), uid, uid >= 0);
        } catch (IOException e) {
            throw new KernelUnavailable("Cannot create a kernel directory under " + workRoot + ": " + e.getMessage(), e);
        }
        try {
            List<String> command = sandbox.command(directory, script, uid, List.of());
            return KernelProcess.start(id, command, sandbox.environment(directory), directory,
                    sandbox.processDirectory(directory), slot, uid, settings.maxMessageBytes(), settings.startTimeout(), json);
        } catch (RuntimeException e) {
            directory.delete();
            throw e;
        }
    }

    @Override
    public void close() {
        KernelDirectory.deleteQuietly(scriptDir);
        if (uids != null) uids.close();
    }
}
