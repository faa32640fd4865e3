package io.autoanalyst.runtime;

/** Where session kernels run, {@code autoanalyst.kernel.backend}. */
public enum KernelBackendKind {
    /** Sandboxed Python processes started by this server (bubblewrap, own user ids, rlimits). */
    LOCAL,
    /** Kernels on a Jupyter kernel service (Jupyter Server, Enterprise Gateway), {@code autoanalyst.kernel.jupyter.*}. */
    JUPYTER
}
