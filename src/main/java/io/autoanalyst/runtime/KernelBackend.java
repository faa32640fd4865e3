package io.autoanalyst.runtime;

/**
 * Starts kernels for the {@link KernelPool}: the local sandbox ({@link KernelLauncher}) or a Jupyter
 * kernel service ({@link JupyterKernelLauncher}), chosen by {@code autoanalyst.kernel.backend}. The
 * pool decides when and how many (queueing, capacity, warm kernels, eviction), the same for both.
 */
interface KernelBackend extends AutoCloseable {

    /** Starts a kernel in {@code slot} (0 ≤ slot < maxKernels); blocks until it is ready to run code. */
    Kernel launch(int slot);

    /** What isolation the kernels get, for /health and the start-up log. */
    SandboxStatus sandboxStatus();

    @Override
    void close();
}
