package io.autoanalyst.analytics;

import io.autoanalyst.analytics.AnalyticsRepository.FeedbackFilter;
import io.autoanalyst.auth.AdminOnly;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.util.Map;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original's admin analytics (spec 3.8), all behind the admin key. {@code period} is {@code 7d},
 * {@code 30d} or {@code 90d} (anything else: 30 days) ending now, in UTC; daily series list every day
 * of the period, zero-filled.
 */
@RestController
@RequestMapping("/analytics")
@AdminOnly
@Validated
@Tag(name = "Analytics", description = "Usage, cost, quality and feedback figures for admins (X-Admin-API-Key header)")
@SecurityRequirement(name = "adminKey")
public class AnalyticsController {

    private static final String PERIOD = "7d, 30d or 90d (anything else: 30d)";

    private final UsageAnalytics usage;
    private final QualityAnalytics quality;
    private final UsageCsvExport export;

    public AnalyticsController(UsageAnalytics usage, QualityAnalytics quality, UsageCsvExport export) {
        this.usage = usage;
        this.quality = quality;
        this.export = export;
    }

    @GetMapping("/debug/model_usage")
    @Operation(summary = "Checks the admin key (the original frontend's key test)")
    public Map<String, Object> checkKey() {
        return JsonObject.of("status", "success", "message", "Admin API key validated successfully");
    }

    @GetMapping("/dashboard")
    @Operation(summary = "Totals, daily usage, usage by model and the top 10 users of a period")
    public Map<String, Object> dashboard(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.dashboard(usage.period(period));
    }

    @GetMapping("/usage/summary")
    @Operation(summary = "The dashboard of the last 30 days")
    public Map<String, Object> usageSummary() {
        return usage.dashboard(usage.period("30d"));
    }

    @GetMapping("/daily")
    @Operation(summary = "Daily usage of the last `days` days, zero-filled (called by the original frontend)")
    public Map<String, Object> daily(@RequestParam(defaultValue = "30") @Min(1) @Max(366) int days) {
        return usage.daily(days);
    }

    @GetMapping("/users")
    @Operation(summary = "Users active in the last 7 days, most tokens first")
    public Map<String, Object> users(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                     @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return usage.users(limit, offset);
    }

    @GetMapping("/users/activity")
    @Operation(summary = "Active users, new users (first model call ever) and sessions per day")
    public Map<String, Object> userActivity(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.userActivity(usage.period(period));
    }

    @GetMapping("/users/sessions/stats")
    @Operation(summary = "Users, users active today, model calls per session and session length (seconds) over the period")
    public Map<String, Object> sessionStats(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.sessionStats(usage.period(period));
    }

    @GetMapping("/usage/models")
    @Operation(summary = "Tokens, cost, requests and average response time (seconds) per model")
    public Map<String, Object> modelUsage(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.modelUsage(usage.period(period));
    }

    @GetMapping("/models/history")
    @Operation(summary = "Tokens and requests per day and model, every day × every model seen, zero-filled")
    public Map<String, Object> modelHistory(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.modelHistory(usage.period(period));
    }

    @GetMapping("/models/metrics")
    @Operation(summary = "Per model: average tokens and response time, and the share (0..1) of calls that succeeded")
    public Map<String, Object> modelMetrics(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.modelMetrics(usage.period(period));
    }

    @GetMapping("/costs/summary")
    @Operation(summary = "Cost totals of a period, per day, per 1000 tokens, and per successful answer (code that ran)")
    public Map<String, Object> costSummary(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        AnalyticsPeriod p = usage.period(period);
        return usage.costSummary(p, quality.successfulExecutions(p));
    }

    @GetMapping("/costs/daily")
    @Operation(summary = "Cost and tokens per day, zero-filled")
    public Map<String, Object> dailyCosts(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.dailyCosts(usage.period(period));
    }

    @GetMapping("/costs/models")
    @Operation(summary = "Cost, tokens and requests per model, most expensive first")
    public Map<String, Object> modelCosts(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.modelCosts(usage.period(period));
    }

    @GetMapping("/costs/projections")
    @Operation(summary = "Cost for the next month, 3 months and year, from the last 30 days' cost per active day")
    public Map<String, Object> costProjections() {
        return usage.costProjections();
    }

    @GetMapping("/costs/today")
    @Operation(summary = "Cost, tokens and requests since midnight UTC")
    public Map<String, Object> costsToday() {
        return usage.costsToday();
    }

    @GetMapping("/tiers/usage")
    @Operation(summary = "Usage per model tier; credit cost = requests × the tier's credits per query")
    public Map<String, Object> tierUsage(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.tierUsage(usage.period(period));
    }

    @GetMapping("/tiers/projections")
    @Operation(summary = "Per tier: the last 30 days per day, projected over a month, a quarter and a year")
    public Map<String, Object> tierProjections() {
        return usage.tierProjections();
    }

    @GetMapping("/tiers/efficiency")
    @Operation(summary = "Per tier: tokens and cost per credit; the tier with most tokens per credit and the one with the lowest cost per credit")
    public Map<String, Object> tierEfficiency(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return usage.tierEfficiency(usage.period(period));
    }

    @GetMapping("/code-executions/summary")
    @Operation(summary = "Code runs: success rate (percent) overall and per model, most failing agents, and the fix loop's repair rate")
    public Map<String, Object> executionSummary(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return quality.executionSummary(usage.period(period));
    }

    @GetMapping("/code-executions/detailed")
    @Operation(summary = "Code runs, newest first, with their errors and code previews (500 characters)")
    public Map<String, Object> executionDetails(@Parameter(description = PERIOD) @RequestParam(required = false) String period,
                                                @RequestParam(name = "success_filter", required = false) Boolean successFilter,
                                                @RequestParam(name = "user_id", required = false) Long userId,
                                                @RequestParam(name = "model_name", required = false) String modelName,
                                                @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return quality.executionDetails(usage.period(period), successFilter, userId, modelName, limit);
    }

    @GetMapping("/code-executions/users")
    @Operation(summary = "Code runs per user, most runs first")
    public Map<String, Object> executionUsers(@Parameter(description = PERIOD) @RequestParam(required = false) String period,
                                              @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        return quality.executionUsers(usage.period(period), limit);
    }

    @GetMapping("/code-executions/error-analysis")
    @Operation(summary = "Failed runs' errors by type (NameError, KeyError, ...) and by agent")
    public Map<String, Object> errorAnalysis(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return quality.errorAnalysis(usage.period(period));
    }

    @GetMapping("/feedback/summary")
    @Operation(summary = "Ratings: count, average, distribution 1–5, per model, and per day (avg null on days without ratings)")
    public Map<String, Object> feedbackSummary(@Parameter(description = PERIOD) @RequestParam(required = false) String period) {
        return quality.feedbackSummary(usage.period(period));
    }

    @GetMapping("/feedback/detailed")
    @Operation(summary = "Ratings, newest first, with a 200-character preview of the rated message")
    public Map<String, Object> feedbackDetails(@Parameter(description = PERIOD) @RequestParam(required = false) String period,
                                               @RequestParam(name = "min_rating", required = false) @Min(1) @Max(5) Integer minRating,
                                               @RequestParam(name = "max_rating", required = false) @Min(1) @Max(5) Integer maxRating,
                                               @RequestParam(name = "model_name", required = false) String modelName,
                                               @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                               @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return quality.feedbackDetails(usage.period(period), new FeedbackFilter(minRating, maxRating, modelName), limit, offset);
    }

    @GetMapping(value = "/export.csv", produces = UsageCsvExport.CONTENT_TYPE)
    @Operation(summary = "The period's model_usage rows as CSV, oldest first")
    public void exportCsv(@Parameter(description = PERIOD) @RequestParam(required = false) String period,
                          HttpServletResponse response) throws IOException {
        AnalyticsPeriod p = usage.period(period);
        response.setContentType(UsageCsvExport.CONTENT_TYPE);
        response.setHeader("Content-Disposition", "attachment; filename=\"model-usage-" + p.label() + "-" + p.endDate() + ".csv\"");
        export.write(p, response.getWriter());
    }
}
