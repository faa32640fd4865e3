package io.autoanalyst.deepanalysis;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the {@code /deep_analysis_streaming} stream, in the original's shape ({@code step}, {@code status},
 * {@code message}, {@code content}, {@code progress}), plus the report's ids on every line (the original never
 * sent them), {@code analysis}/{@code html_report} on the last line, {@code error} on failures, and
 * {@code elapsed_ms} on the line that ends the code's run (the kernel's share of the run).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeepLine(String step, String status, String message, Object content, int progress, String reportUuid,
                       Long reportId, DeepAnalysisResult analysis, String htmlReport, String error, Long elapsedMs) {

    static DeepLine of(String step, String status, String message, int progress) {
        return new DeepLine(step, status, message, null, progress, null, null, null, null, null, null);
    }

    DeepLine withContent(Object c) {
        return new DeepLine(step, status, message, c, progress, reportUuid, reportId, analysis, htmlReport, error, elapsedMs);
    }

    DeepLine withReport(String uuid, long id) {
        return new DeepLine(step, status, message, content, progress, uuid, id, analysis, htmlReport, error, elapsedMs);
    }

    DeepLine withElapsed(long ms) {
        return new DeepLine(step, status, message, content, progress, reportUuid, reportId, analysis, htmlReport, error, ms);
    }

    /** Terminal lines end the stream. */
    boolean terminal() {
        return step.equals("completed") || step.equals("error") || step.equals("cancelled");
    }
}
