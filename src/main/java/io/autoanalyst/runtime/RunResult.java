package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one run of code produced.
 *
 * @param outputs        nbformat outputs in the order they happened; a timeout or a dead kernel
 *                       adds an {@link KernelOutput.Error} saying so
 * @param status         how the run ended
 * @param executionCount the cell number the kernel gave the run (0 when it never answered)
 * @param truncated      stdout, stderr or rich output went over its cap and was cut
 * @param elapsed        wall time seen by the server, start-up of a replacement kernel included
 */
public record RunResult(List<KernelOutput> outputs, Status status, int executionCount, boolean truncated,
                        Duration elapsed) {

    public enum Status {
        /** The code ran to the end. */
        OK,
        /** The code raised; the kernel and its variables are intact. */
        ERROR,
        /** The wall-time limit passed; the kernel was killed and the next run gets a fresh one. */
        TIMED_OUT,
        /** The kernel process died (crash, memory, os._exit); the next run gets a fresh one. */
        KERNEL_DIED
    }

    public RunResult {
        outputs = List.copyOf(outputs);
        requireNonNull(status, "status");
        requireNonNull(elapsed, "elapsed");
    }

    public boolean success() {
        return status == Status.OK;
    }

    public boolean timedOut() {
        return status == Status.TIMED_OUT;
    }

    public boolean kernelDied() {
        return status == Status.KERNEL_DIED;
    }

    /** The (first) error of the run, when it did not succeed. */
    public Optional<KernelOutput.Error> error() {
        return outputs.stream().filter(KernelOutput.Error.class::isInstance).map(KernelOutput.Error.class::cast).findFirst();
    }

    /** All stdout text of the run, concatenated. */
    public String stdout() {
        return streamText("stdout");
    }

    public String stderr() {
        return streamText("stderr");
    }

    private String streamText(String name) {
        StringBuilder text = new StringBuilder();
        for (KernelOutput output : outputs) {
            if (output instanceof KernelOutput.Stream stream && stream.name().equals(name)) text.append(stream.text());
        }
        return text.toString();
    }
}
