package io.autoanalyst.analytics;

import static io.autoanalyst.analytics.JsonObject.percent;
import static io.autoanalyst.analytics.JsonObject.round;

import io.autoanalyst.analytics.AnalyticsRepository.Execution;
import io.autoanalyst.analytics.AnalyticsRepository.ExecutionTotals;
import io.autoanalyst.analytics.AnalyticsRepository.FailedRun;
import io.autoanalyst.analytics.AnalyticsRepository.FeedbackFilter;
import io.autoanalyst.analytics.AnalyticsRepository.FeedbackGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** How well answers work: code-execution outcomes, the fix loop, and users' ratings (spec sections 3.8 and 11). */
@Service
public class QualityAnalytics {

    private static final int PREVIEW = 500;

    /** The original's error categories, by the first substring found in the error text (order matters). */
    private static final List<Map.Entry<String, List<String>>> ERROR_TYPES = List.of(
            Map.entry("NameError", List.of("NameError")),
            Map.entry("SyntaxError", List.of("SyntaxError")),
            Map.entry("TypeError", List.of("TypeError")),
            Map.entry("AttributeError", List.of("AttributeError")),
            Map.entry("IndexError/KeyError", List.of("IndexError", "KeyError")),
            Map.entry("ImportError", List.of("ImportError", "ModuleNotFoundError")),
            Map.entry("ValueError", List.of("ValueError")),
            Map.entry("OperationError", List.of("unsupported operand")),
            Map.entry("IndentationError", List.of("IndentationError")),
            Map.entry("PermissionError", List.of("PermissionError")),
            Map.entry("FileNotFoundError", List.of("FileNotFoundError")),
            Map.entry("MemoryError", List.of("MemoryError")),
            Map.entry("TimeoutError", List.of("TimeoutError", "timed out")));

    private final AnalyticsRepository repository;
    private final JsonMapper json;

    public QualityAnalytics(AnalyticsRepository repository, JsonMapper json) {
        this.repository = repository;
        this.json = json;
    }

    /** Code runs that succeeded in the period: the "answers that worked" cost is divided by. */
    public long successfulExecutions(AnalyticsPeriod period) {
        return repository.executionTotals(period).successful();
    }

    public Map<String, Object> executionSummary(AnalyticsPeriod period) {
        ExecutionTotals totals = repository.executionTotals(period);
        List<Map<String, Object>> models = repository.executionsByModel(period).stream()
                .map(g -> JsonObject.of("model_name", g.key(), "total_executions", g.total(), "successful_executions", g.successful(),
                        "success_rate", percent(g.successful(), g.total()), "user_count", g.users()))
                .toList();
        Map<String, Long> failures = new HashMap<>();
        for (FailedRun run : repository.failedRuns(period)) {
            for (String agent : agents(run.failedAgents())) failures.merge(agent, 1L, Long::sum);
        }
        List<Map<String, Object>> failedAgents = failures.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> JsonObject.of("agent_name", e.getKey(), "failure_count", e.getValue()))
                .toList();
        return JsonObject.of(
                "period", period.label(),
                "start_date", period.startDate().toString(),
                "end_date", period.endDate().toString(),
                "overall_stats", JsonObject.of(
                        "total_executions", totals.total(),
                        "successful_executions", totals.successful(),
                        "failed_executions", totals.total() - totals.successful(),
                        "success_rate", percent(totals.successful(), totals.total()),
                        "total_users", totals.users(),
                        "total_chats", totals.chats()),
                "model_performance", models,
                "failed_agents", failedAgents,
                // beyond the original: of the code that was changed after its first run (a fix or an edit), how much now runs
                "fix_loop", JsonObject.of(
                        "repair_attempts", totals.repairAttempts(),
                        "repaired", totals.repaired(),
                        "not_repaired", totals.repairAttempts() - totals.repaired(),
                        "success_rate", percent(totals.repaired(), totals.repairAttempts())));
    }

    public Map<String, Object> executionDetails(AnalyticsPeriod period, Boolean successful, Long userId, String modelName, int limit) {
        List<Map<String, Object>> executions = new ArrayList<>();
        for (Execution e : repository.executions(period, successful, userId, modelName, limit)) {
            executions.add(JsonObject.of(
                    "execution_id", e.executionId(),
                    "message_id", e.messageId(),
                    "chat_id", e.chatId(),
                    "user_id", e.userId(),
                    "created_at", e.createdAt(),
                    "updated_at", e.updatedAt(),
                    "is_successful", e.successful(),
                    "model_info", JsonObject.of("provider", e.modelProvider(), "name", e.modelName(), "temperature", e.temperature(),
                            "max_tokens", e.maxTokens()),
                    "failed_agents", agents(e.failedAgents()),
                    "error_messages", errors(e.errorMessages()),
                    "initial_code_preview", preview(e.initialCode()),
                    "latest_code_preview", preview(e.latestCode())));
        }
        return JsonObject.of("count", executions.size(), "executions", executions, "period", period.label(),
                "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    public Map<String, Object> executionUsers(AnalyticsPeriod period, int limit) {
        List<Map<String, Object>> users = repository.executionsByUser(period, limit).stream()
                .map(g -> JsonObject.of("user_id", g.key(), "total_executions", g.total(), "successful_executions", g.successful(),
                        "failed_executions", g.total() - g.successful(), "success_rate", percent(g.successful(), g.total()),
                        "first_execution", g.first(), "latest_execution", g.latest()))
                .toList();
        return JsonObject.of("users", users, "period", period.label(),
                "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    public Map<String, Object> errorAnalysis(AnalyticsPeriod period) {
        List<FailedRun> runs = repository.failedRuns(period);
        Map<String, Long> types = new HashMap<>();
        Map<String, Map<String, Long>> byAgent = new HashMap<>();
        for (FailedRun run : runs) {
            Map<String, String> errors = errors(run.errorMessages());
            if (errors.isEmpty()) {
                for (String agent : agents(run.failedAgents())) errors.put(agent, "");
            }
            errors.forEach((agent, message) -> {
                String type = errorType(message);
                types.merge(type, 1L, Long::sum);
                byAgent.computeIfAbsent(agent, a -> new HashMap<>()).merge(type, 1L, Long::sum);
            });
        }
        List<Map<String, Object>> errorTypes = sortedCounts(types, "error_type");
        List<Map<String, Object>> agents = byAgent.entrySet().stream()
                .map(e -> JsonObject.of("agent_name", e.getKey(),
                        "error_count", e.getValue().values().stream().mapToLong(Long::longValue).sum(),
                        "common_errors", sortedCounts(e.getValue(), "error_type")))
                .sorted(Comparator.comparing((Map<String, Object> m) -> (Long) m.get("error_count")).reversed()
                        .thenComparing(m -> (String) m.get("agent_name")))
                .toList();
        return JsonObject.of("total_failed_executions", (long) runs.size(), "error_types", errorTypes, "error_by_agent", agents,
                "period", period.label(), "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    static String errorType(String message) {
        String text = message == null ? "" : message;
        for (var type : ERROR_TYPES) {
            if (type.getValue().stream().anyMatch(text::contains)) return type.getKey();
        }
        return "OtherError";
    }

    // ---- feedback ----------------------------------------------------------------------------

    public Map<String, Object> feedbackSummary(AnalyticsPeriod period) {
        var totals = repository.feedbackTotals(period);
        Map<String, Long> byRating = new HashMap<>();
        for (FeedbackGroup g : repository.feedbackByRating(period)) byRating.put(g.key(), g.count());
        List<Map<String, Object>> distribution = new ArrayList<>();
        for (int rating = 1; rating <= 5; rating++) {
            distribution.add(JsonObject.of("rating", rating, "count", byRating.getOrDefault(String.valueOf(rating), 0L)));
        }
        List<Map<String, Object>> models = repository.feedbackByModel(period).stream()
                .sorted(Comparator.comparingLong(FeedbackGroup::count).reversed().thenComparing(FeedbackGroup::key))
                .map(g -> JsonObject.of("model_name", g.key(), "total_feedback", g.count(), "avg_rating", round(g.avgRating(), 2)))
                .toList();
        Map<String, FeedbackGroup> byDay = new HashMap<>();
        for (FeedbackGroup g : repository.feedbackByDay(period)) byDay.put(g.key(), g);
        List<Map<String, Object>> trend = period.dates().stream().map(date -> {
            FeedbackGroup g = byDay.get(date);
            return JsonObject.of("date", date, "avg_rating", g == null ? null : round(g.avgRating(), 2), "count", g == null ? 0L : g.count());
        }).toList();
        return JsonObject.of(
                "total_feedback", totals.total(),
                "avg_rating", round(totals.avgRating(), 2),
                "chats_with_feedback", totals.chats(),
                "ratings_distribution", distribution,
                "models_data", models,
                "feedback_trend", trend,
                "period", period.label(),
                "start_date", period.startDate().toString(),
                "end_date", period.endDate().toString());
    }

    public Map<String, Object> feedbackDetails(AnalyticsPeriod period, FeedbackFilter filter, int limit, int offset) {
        List<Map<String, Object>> rows = repository.feedback(period, filter, limit, offset).stream()
                .map(f -> JsonObject.of("feedback_id", f.feedbackId(), "message_id", f.messageId(), "chat_id", f.chatId(),
                        "rating", f.rating(), "model_name", f.modelName(), "model_provider", f.modelProvider(),
                        "temperature", f.temperature(), "max_tokens", f.maxTokens(), "created_at", f.createdAt(),
                        "message_preview", f.messagePreview(), "message_sender", f.messageSender()))
                .toList();
        return JsonObject.of("total", repository.feedbackCount(period, filter), "count", rows.size(), "offset", offset, "limit", limit,
                "feedback", rows);
    }

    // ---- helpers -----------------------------------------------------------------------------

    private List<String> agents(String failedAgents) {
        if (failedAgents == null || failedAgents.isBlank()) return List.of();
        try {
            return json.readValue(failedAgents, new TypeReference<List<String>>() { });
        } catch (JacksonException e) {
            return List.of(failedAgents);
        }
    }

    private Map<String, String> errors(String errorMessages) {
        if (errorMessages == null || errorMessages.isBlank()) return new LinkedHashMap<>();
        try {
            return new LinkedHashMap<>(json.readValue(errorMessages, new TypeReference<Map<String, String>>() { }));
        } catch (JacksonException e) {
            Map<String, String> single = new LinkedHashMap<>();
            single.put("unknown", errorMessages);
            return single;
        }
    }

    private static String preview(String code) {
        if (code == null) return null;
        return code.length() > PREVIEW ? code.substring(0, PREVIEW) + "..." : code;
    }

    private static List<Map<String, Object>> sortedCounts(Map<String, Long> counts, String keyName) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> JsonObject.of(keyName, e.getKey(), "count", e.getValue()))
                .toList();
    }
}
