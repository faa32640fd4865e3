package io.autoanalyst.runtime;

/** No kernel can be started here: Python or its packages are missing, or the sandbox fails. The message says what to install or set. */
public class KernelUnavailable extends RuntimeException {
    public KernelUnavailable(String message) {
        super(message);
    }

    public KernelUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
