package io.autoanalyst.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * One kernel a session runs its code in, whichever backend started it: a local sandboxed process
 * ({@link KernelProcess}) or a kernel on a Jupyter kernel service ({@link JupyterKernel}). Both speak
 * the same request/response protocol (kernel.py's: {@code run}, {@code ping}, {@code reset}), so
 * {@link SessionKernels} and {@link KernelPool} treat them alike; only the transport and what can be
 * measured differ.
 */
interface Kernel {

    /** The server's name for the kernel, for logs. */
    String id();

    /** The pool slot it holds (its right to exist). */
    int slot();

    Instant started();

    /**
     * Sends one request and waits for its answer. On timeout the kernel is stopped and {@link
     * KernelReply.TimedOut} returned; a kernel that ended or broke the protocol gives {@link KernelReply.Died}.
     */
    KernelReply request(ObjectNode request, Duration timeout);

    boolean isAlive();

    /** Stops the kernel because it went over one of the server's limits; {@code reason} is what the user is told. */
    void stop(String reason);

    /** Stops the kernel and everything it started; idempotent. */
    void kill();

    /** Ends what the last run's code left running; returns how many processes were ended (0 when the backend cannot see them). */
    int endStrays();

    /** Remembers the files in the kernel's directory now as given to it (not written by its code). */
    void markGivenFiles();

    /** Bytes of the files the kernel's code wrote into its directory. */
    long writtenBytes();

    /** The kernel's directory on the server's file system (shared with the kernel's host for a remote kernel). */
    KernelDirectory directory();

    /** Host pid of the interpreter; 0 when the backend does not say (a remote kernel). */
    long pythonPid();

    /** Resident memory of the interpreter; empty when gone or when the backend does not say. */
    OptionalLong residentBytes();
}
