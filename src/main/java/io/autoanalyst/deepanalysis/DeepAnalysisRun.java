package io.autoanalyst.deepanalysis;

import io.autoanalyst.llm.CancellationToken;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One run in progress: the lines it has produced so far (a client that connects or stays connected reads them
 * in order; one that goes away misses nothing the report will not hold), and how it can be stopped. Lines are
 * kept in memory only while the run lasts.
 */
final class DeepAnalysisRun {

    enum StopReason { NONE, CANCELLED, TIME_LIMIT }

    private final long reportId;
    private final String reportUuid;
    private final long userId;
    private final CancellationToken cancellation = new CancellationToken();
    private final List<DeepLine> lines = new ArrayList<>();
    private boolean finished;
    private StopReason stopReason = StopReason.NONE;
    private int progress;

    DeepAnalysisRun(long reportId, String reportUuid, long userId) {
        this.reportId = reportId;
        this.reportUuid = reportUuid;
        this.userId = userId;
    }

    long reportId() {
        return reportId;
    }

    String reportUuid() {
        return reportUuid;
    }

    long userId() {
        return userId;
    }

    CancellationToken cancellation() {
        return cancellation;
    }

    /** Adds a line; progress never goes back (a line with less progress carries the progress so far). */
    synchronized DeepLine emit(DeepLine line) {
        int p = Math.max(progress, line.progress());
        progress = p;
        DeepLine stamped = new DeepLine(line.step(), line.status(), line.message(), line.content(), p, reportUuid, reportId,
                line.analysis(), line.htmlReport(), line.error(), line.elapsedMs());
        lines.add(stamped);
        if (stamped.terminal()) finished = true;
        notifyAll();
        return stamped;
    }

    synchronized int progress() {
        return progress;
    }

    synchronized void stop(StopReason reason) {
        if (stopReason == StopReason.NONE) stopReason = reason;
        cancellation.cancel();
    }

    synchronized StopReason stopReason() {
        return stopReason;
    }

    synchronized boolean finished() {
        return finished;
    }

    /** The lines from {@code from} on, waiting up to {@code wait} for one when there is none yet. */
    synchronized List<DeepLine> linesFrom(int from, Duration wait) throws InterruptedException {
        if (from >= lines.size() && !finished) wait(Math.max(1, wait.toMillis()));
        return from >= lines.size() ? List.of() : List.copyOf(lines.subList(from, lines.size()));
    }
}
