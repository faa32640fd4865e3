package io.autoanalyst.deepanalysis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A stored deep-analysis report, the original's {@code DeepAnalysisReportDetailResponse}: the JSON-list columns
 * come back decoded. Times are UTC instants.
 *
 * @param plotlyFigures one list of Plotly figure JSON strings per research question
 */
public record DeepReport(long reportId, String reportUuid, Long userId, String goal, String status, Instant startTime,
                         Instant endTime, Integer durationSeconds, String reportSummary, Instant createdAt, Instant updatedAt,
                         String deepQuestions, String deepPlan, List<String> summaries, String analysisCode,
                         List<List<String>> plotlyFigures, List<String> synthesis, String finalConclusion, String htmlReport,
                         int progressPercentage, int creditsConsumed, String errorMessage, String modelProvider,
                         String modelName, long totalTokensUsed, BigDecimal estimatedCost, List<String> stepsCompleted) {

    /** The original's {@code DeepAnalysisReportResponse}: the row without its contents. */
    public record Summary(long reportId, String reportUuid, Long userId, String goal, String status, Instant startTime,
                          Instant endTime, Integer durationSeconds, String reportSummary, Instant createdAt, Instant updatedAt,
                          int progressPercentage, String errorMessage) {
    }

    /** The row without its HTML (megabytes with plotly.js inlined), for lists. */
    public DeepReport withoutHtml() {
        return new DeepReport(reportId, reportUuid, userId, goal, status, startTime, endTime, durationSeconds, reportSummary,
                createdAt, updatedAt, deepQuestions, deepPlan, summaries, analysisCode, plotlyFigures, synthesis, finalConclusion,
                null, progressPercentage, creditsConsumed, errorMessage, modelProvider, modelName, totalTokensUsed, estimatedCost,
                stepsCompleted);
    }

    public Summary summary() {
        return new Summary(reportId, reportUuid, userId, goal, status, startTime, endTime, durationSeconds, reportSummary,
                createdAt, updatedAt, progressPercentage, errorMessage);
    }
}
