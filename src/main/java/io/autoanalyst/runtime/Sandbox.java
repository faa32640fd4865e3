package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the command line that starts a kernel inside its sandbox.
 *
 * <p>With bubblewrap: new network (loopback only, so nothing is reachable), pid, ipc and uts
 * namespaces; a read-only view of /usr and /etc only, so the server's files, the database and
 * other kernels' directories do not exist inside; a size-limited private /tmp; the kernel's own
 * directory read-write as /session. Killing the bubblewrap process ends the whole pid namespace,
 * so nothing a kernel forked can outlive it.
 *
 * <p>In every mode, when the server runs as root, {@code setpriv} switches the kernel to its own
 * user id without capabilities. That matters twice: root keeps its capabilities inside
 * bubblewrap, and Linux never enforces RLIMIT_NPROC for root, so without a separate user a fork
 * bomb is not contained. The rlimits themselves are set by kernel.py before any user code runs.
 */
public final class Sandbox {

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    /** Where the kernel script is mounted inside bubblewrap. */
    static final String KERNEL_SCRIPT_IN_SANDBOX_DIR = "/opt/autoanalyst";
    static final String KERNEL_SCRIPT_IN_SANDBOX = KERNEL_SCRIPT_IN_SANDBOX_DIR + "/kernel.py";
    static final String SESSION_DIR_IN_SANDBOX = "/session";

    private final KernelSettings settings;
    private final SandboxStatus status;
    private final String bwrap;
    private final String setpriv;
    private final String nice = findExecutable("nice");
    /**
     * The lowest priority: sixteen busy kernels at 10 together outweighed the server's own threads (CFS
     * weight 110 each against 1024), and /health slowed under load; at 19 (weight 15) the server answers
     * first and kernels still share what is left (docs/architecture.md §14).
     */
    static final int KERNEL_NICENESS = 19;

    private Sandbox(KernelSettings settings, SandboxStatus status, String bwrap, String setpriv) {
        this.settings = settings;
        this.status = status;
        this.bwrap = bwrap;
        this.setpriv = setpriv;
    }

    /**
     * Finds out what isolation works here by running it once: bubblewrap can be installed and
     * still fail (no user namespaces, a container without the needed privileges). Never throws:
     * when kernels cannot run, the status says why and starting one fails with that reason, so
     * the rest of the server still starts.
     */
    public static Sandbox probe(KernelSettings settings, Path probeDir) {
        requireNonNull(settings, "settings");
        requireNonNull(probeDir, "probeDir");
        if (!Files.isExecutable(Path.of(settings.python()))) {
            return new Sandbox(settings, SandboxStatus.unavailable("Python interpreter " + settings.python()
                    + " not found. Install it with `apt-get install python3 python3-pandas python3-numpy "
                    + "python3-plotly python3-matplotlib python3-seaborn python3-scipy python3-sklearn "
                    + "python3-statsmodels python3-openpyxl` or set autoanalyst.kernel.python"), null, null);
        }
        String setpriv = isRoot() ? findExecutable("setpriv") : null;
        String bwrap = settings.sandbox() == SandboxMode.NONE ? null : findExecutable("bwrap");
        String bwrapProblem = null;
        if (settings.sandbox() != SandboxMode.NONE) {
            if (bwrap == null) {
                bwrapProblem = "bubblewrap is not installed (apt-get install bubblewrap)";
            } else {
                Sandbox candidate = new Sandbox(settings, new SandboxStatus(true, true, setpriv != null, false, ""),
                        bwrap, setpriv);
                bwrapProblem = candidate.tryRun(probeDir);
                if (bwrapProblem != null) bwrap = null;
            }
            if (bwrapProblem != null && settings.sandbox() == SandboxMode.BWRAP) {
                return new Sandbox(settings, SandboxStatus.unavailable("autoanalyst.kernel.sandbox=bwrap but "
                        + bwrapProblem), null, null);
            }
        }
        boolean useBwrap = bwrap != null;
        List<String> missing = new ArrayList<>();
        if (!useBwrap) {
            missing.add(settings.sandbox() == SandboxMode.NONE ? "bubblewrap disabled by configuration" : bwrapProblem);
            missing.add("network refused by a Python-level guard only; files outside the kernel directory visible");
        }
        if (setpriv == null) {
            missing.add(isRoot() ? "setpriv not found (apt-get install util-linux)"
                    : "server is not root, so kernels share its user id and the process limit is not applied");
        }
        String detail = (useBwrap ? "bubblewrap sandbox" : "no sandbox")
                + (setpriv != null ? ", one user id per kernel" : "")
                + (missing.isEmpty() ? "" : "; degraded: " + String.join("; ", missing));
        return new Sandbox(settings, new SandboxStatus(true, useBwrap, setpriv != null, !missing.isEmpty(), detail),
                bwrap, setpriv);
    }

    /**
     * No local sandbox: kernels run on a Jupyter kernel service, whose isolation {@code detail}
     * describes. Nothing is probed, since this machine starts no kernel.
     */
    public SandboxStatus status() {
        return status;
    }

    /** The full command that starts kernel.py for the kernel living in {@code kernelDir}. */
    List<String> command(KernelDirectory kernelDir, Path kernelScript, long uid, List<String> kernelArgs) {
        List<String> command = new ArrayList<>();
        String script = kernelScript.toString();
        if (nice != null) {
            // Kernels yield the CPU to the server: with every core busy computing, /health, uploads and
            // the streams of other sessions still answer at once.
            command.addAll(List.of(nice, "-n", Integer.toString(KERNEL_NICENESS)));
        }
        if (bwrap != null) {
            command.addAll(bwrapPrefix(kernelDir, kernelScript));
            script = KERNEL_SCRIPT_IN_SANDBOX;
        }
        if (setpriv != null) {
            command.addAll(List.of(setpriv, "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--"));
        }
        // -I: ignore PYTHON* variables and the user site; -B: no .pyc files in the session dir.
        command.addAll(List.of(settings.python(), "-I", "-B", script));
        command.addAll(kernelArgs);
        if (bwrap == null) command.add("--network-guard");
        command.addAll(limitArgs());
        return command;
    }

    /** A minimal environment: the server's own variables (API keys, database URL) never reach user code. */
    Map<String, String> environment(KernelDirectory kernelDir) {
        Map<String, String> env = new LinkedHashMap<>();
        boolean sandboxed = bwrap != null;
        String home = sandboxed ? SESSION_DIR_IN_SANDBOX : kernelDir.session().toString();
        String tmp = sandboxed ? "/tmp" : kernelDir.tmp().toString();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home);
        env.put("TMPDIR", tmp);
        env.put("LANG", "C.UTF-8");
        env.put("MPLBACKEND", "Agg");
        env.put("MPLCONFIGDIR", tmp + "/matplotlib");
        // One BLAS thread per kernel: many kernels share few cores, and every thread counts
        // against the kernel's process limit.
        env.put("OPENBLAS_NUM_THREADS", "1");
        env.put("OMP_NUM_THREADS", "1");
        env.put("MKL_NUM_THREADS", "1");
        env.put("PYTHONUNBUFFERED", "1");
        env.put("PYTHONIOENCODING", "utf-8");
        return env;
    }

    /** Working directory of the kernel process as the server must set it. */
    Path processDirectory(KernelDirectory kernelDir) {
        return kernelDir.session();
    }

    private List<String> bwrapPrefix(KernelDirectory kernelDir, Path kernelScript) {
        List<String> args = new ArrayList<>(List.of(bwrap,
                "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
                "--die-with-parent", "--new-session", "--hostname", "kernel",
                "--ro-bind", "/usr", "/usr"));
        // Merged-/usr systems have /lib etc. as symlinks; older layouts have real directories.
        for (String top : List.of("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")) {
            Path path = Path.of(top);
            try {
                if (Files.isSymbolicLink(path)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(path).toString(), top));
                } else if (Files.isDirectory(path)) {
                    args.addAll(List.of("--ro-bind", top, top));
                }
            } catch (IOException e) {
                log.debug("skipping {} in the sandbox: {}", top, e.toString());
            }
        }
        args.addAll(List.of(
                "--ro-bind", "/etc", "/etc",
                "--proc", "/proc",
                "--dev", "/dev",
                "--perms", "1777", "--size", Long.toString(settings.tmpSize().toBytes()), "--tmpfs", "/tmp",
                "--bind", kernelDir.session().toString(), SESSION_DIR_IN_SANDBOX,
                // bwrap makes missing parents of a mount point private to root; /opt must stay
                // traversable for the kernel's user.
                "--perms", "0755", "--dir", "/opt",
                "--ro-bind", kernelScript.getParent().toString(), KERNEL_SCRIPT_IN_SANDBOX_DIR,
                "--chdir", SESSION_DIR_IN_SANDBOX,
                "--"));
        return args;
    }

    private List<String> limitArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--output-cap", Long.toString(settings.outputCap().toBytes()),
                "--result-cap", Long.toString(settings.resultCap().toBytes()),
                "--table-rows", Integer.toString(settings.tableRows()),
                "--cpu-per-run", Long.toString(Math.max(1, settings.cpuTimePerRun().toSeconds())),
                "--cpu-total", Long.toString(settings.cpuTimePerKernel().toSeconds()),
                "--address-space", Long.toString(settings.addressSpace().toBytes()),
                "--max-file-size", Long.toString(settings.maxFileSize().toBytes()),
                "--max-open-files", Integer.toString(settings.maxOpenFiles())));
        // RLIMIT_NPROC counts every process of the user id; shared with the server's own
        // threads it would stop the kernel from starting at all, so only with its own user.
        if (setpriv != null) args.addAll(List.of("--max-processes", Integer.toString(settings.maxProcesses())));
        return args;
    }

    /** Runs a trivial interpreter in the sandbox; null when it works, else what went wrong. */
    private String tryRun(Path probeDir) {
        Path dir = probeDir.resolve("probe-" + ProcessHandle.current().pid());
        try {
            KernelDirectory kernelDir = KernelDirectory.create(dir, settings.uidBase(), setpriv != null);
            List<String> command = new ArrayList<>(bwrapPrefix(kernelDir, kernelDir.tmp().resolve("kernel.py")));
            if (setpriv != null) {
                command.addAll(List.of(setpriv, "--reuid=" + settings.uidBase(), "--regid=" + settings.uidBase(),
                        "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"));
            }
            command.addAll(List.of(settings.python(), "-I", "-c", "import os; print(os.getuid())"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(environment(kernelDir));
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "bubblewrap did not finish a trial run within 30 s";
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                return "bubblewrap fails here (exit " + process.exitValue() + "): " + abbreviate(out);
            }
            return null;
        } catch (IOException e) {
            return "bubblewrap could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while trying bubblewrap";
        } finally {
            KernelDirectory.deleteQuietly(dir);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String findExecutable(String name) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        return null;
    }
}
