package io.autoanalyst.runtime;

/** How kernels are isolated from the server and from each other. */
public enum SandboxMode {
    /** bubblewrap when a trial run at start-up works, otherwise {@link #NONE} reported as degraded. */
    AUTO,
    /** bubblewrap or refuse to start kernels. */
    BWRAP,
    /** rlimits, a separate user id when running as root, and a Python-level network guard only. */
    NONE
}
