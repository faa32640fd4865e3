package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

/**
 * What isolation kernels actually get on this machine, as found by trying it at start-up.
 *
 * @param available     kernels can be started at all; when false, {@code detail} says what to
 *                      install or configure
 * @param bwrap         kernels run inside bubblewrap (own network, pid, ipc namespaces; only
 *                      /usr, /etc and their own directory visible)
 * @param separateUsers each kernel runs as its own user id, which is what makes the process
 *                      limit (RLIMIT_NPROC, counted per user) contain a fork bomb, and keeps
 *                      kernels out of each other's files without bubblewrap
 * @param degraded      something above is missing
 * @param detail        one line for /health and the start-up log: what is used, and why not more
 */
public record SandboxStatus(boolean available, boolean bwrap, boolean separateUsers, boolean degraded, String detail) {
    public SandboxStatus {
        requireNonNull(detail, "detail");
    }

    static SandboxStatus unavailable(String why) {
        return new SandboxStatus(false, false, false, true, why);
    }
}
