package io.autoanalyst.analytics;

import static io.autoanalyst.analytics.JsonObject.money;
import static io.autoanalyst.analytics.JsonObject.ratio;
import static io.autoanalyst.analytics.JsonObject.round;

import io.autoanalyst.analytics.AnalyticsRepository.Daily;
import io.autoanalyst.analytics.AnalyticsRepository.ModelSlice;
import io.autoanalyst.analytics.AnalyticsRepository.ModelStats;
import io.autoanalyst.analytics.AnalyticsRepository.Totals;
import io.autoanalyst.analytics.AnalyticsRepository.UserSlice;
import io.autoanalyst.analytics.AnalyticsRepository.UserStats;
import io.autoanalyst.analytics.DailyUsageSummaries.DaySummary;
import io.autoanalyst.llm.ModelRegistry;
import io.autoanalyst.llm.ModelSpec;
import io.autoanalyst.llm.Tier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/** Usage, users, models, costs and tiers, from {@code model_usage} (spec sections 3.8 and 11). */
@Service
public class UsageAnalytics {

    private static final int TOP_USERS = 10;

    private final AnalyticsRepository repository;
    private final DailyUsageSummaries summaries;
    private final ModelRegistry registry;
    private final Clock clock;

    public UsageAnalytics(AnalyticsRepository repository, DailyUsageSummaries summaries, ModelRegistry registry, Clock clock) {
        this.repository = repository;
        this.summaries = summaries;
        this.registry = registry;
        this.clock = clock;
    }

    // ---- merging the day summaries -----------------------------------------------------------

    private static List<Daily> byDay(List<DaySummary> days) {
        return days.stream().map(d -> new Daily(d.date(), d.tokens(), d.cost(), d.requests(), d.users().size(), d.shape().sessions())).toList();
    }

    private static List<ModelStats> byModel(List<DaySummary> days) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Double> costs = new HashMap<>();
        for (DaySummary day : days) {
            for (ModelSlice m : day.models()) {
                long[] c = counts.computeIfAbsent(m.modelName(), k -> new long[4]);
                c[0] += m.tokens();
                c[1] += m.requests();
                c[2] += m.requestMs();
                c[3] += m.successful();
                costs.merge(m.modelName(), m.cost(), Double::sum);
            }
        }
        List<ModelStats> models = new ArrayList<>();
        counts.forEach((name, c) -> models.add(new ModelStats(name, c[0], costs.get(name), c[1], ratio(c[2], c[1]), c[3])));
        return models;
    }

    /** Users by tokens, most first (ties by id). */
    private static List<UserStats> byUser(List<DaySummary> days) {
        Map<Long, UserStats> users = new HashMap<>();
        for (DaySummary day : days) {
            for (UserSlice u : day.users()) {
                users.merge(u.userId(), new UserStats(u.userId(), u.tokens(), u.cost(), u.requests(), u.first(), u.last()),
                        (a, b) -> new UserStats(a.userId(), a.tokens() + b.tokens(), a.cost() + b.cost(), a.requests() + b.requests(),
                                a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
                                a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen()));
            }
        }
        return users.values().stream()
                .sorted(Comparator.comparingLong(UserStats::tokens).reversed().thenComparing(UserStats::userId))
                .toList();
    }

    private static Totals totals(List<DaySummary> days) {
        return new Totals(days.stream().mapToLong(DaySummary::tokens).sum(), days.stream().mapToDouble(DaySummary::cost).sum(),
                days.stream().mapToLong(DaySummary::requests).sum(), 0);
    }

    public AnalyticsPeriod period(String label) {
        return AnalyticsPeriod.parse(label, clock);
    }

    public Map<String, Object> dashboard(AnalyticsPeriod period) {
        List<DaySummary> days = summaries.of(period);
        List<Map<String, Object>> daily = byDay(days).stream()
                .map(d -> JsonObject.of("date", d.date(), "tokens", d.tokens(), "cost", money(d.cost()), "requests", d.requests()))
                .toList();
        List<Map<String, Object>> models = byModel(days).stream()
                .sorted(Comparator.comparingLong(ModelStats::tokens).reversed().thenComparing(ModelStats::modelName))
                .map(m -> JsonObject.of("model_name", m.modelName(), "tokens", m.tokens(), "cost", money(m.cost()), "requests", m.requests()))
                .toList();
        List<UserStats> users = byUser(days);
        List<Map<String, Object>> topUsers = users.stream().limit(TOP_USERS)
                .map(u -> JsonObject.of("user_id", String.valueOf(u.userId()), "tokens", u.tokens(), "cost", money(u.cost()),
                        "requests", u.requests()))
                .toList();
        Totals totals = totals(days);
        return JsonObject.of(
                "total_tokens", totals.tokens(),
                "total_cost", money(totals.cost()),
                "total_requests", totals.requests(),
                "total_users", (long) users.size(),
                // read by the original's dashboard page, which the original never sent
                "avg_cost_per_request", money(ratio(totals.cost(), totals.requests())),
                "daily_usage", daily,
                "model_usage", models,
                "top_users", topUsers,
                "period", period.label(),
                "start_date", period.startDate().toString(),
                "end_date", period.endDate().toString());
    }

    /** The frontend's {@code /analytics/daily?days=} call (absent from the original). */
    public Map<String, Object> daily(int days) {
        AnalyticsPeriod period = AnalyticsPeriod.lastDays(days, clock);
        List<Map<String, Object>> daily = byDay(summaries.of(period)).stream()
                .map(d -> JsonObject.of("date", d.date(), "tokens", d.tokens(), "cost", money(d.cost()), "requests", d.requests()))
                .toList();
        return JsonObject.of("daily_usage", daily, "days", days, "start_date", period.startDate().toString(),
                "end_date", period.endDate().toString());
    }

    /** Users active in the last 7 days, most tokens first. */
    public Map<String, Object> users(int limit, int offset) {
        AnalyticsPeriod week = AnalyticsPeriod.lastDays(7, clock);
        List<UserStats> all = byUser(summaries.of(week));
        List<Map<String, Object>> users = all.stream().skip(offset).limit(limit)
                .map(u -> JsonObject.of("user_id", String.valueOf(u.userId()), "tokens", u.tokens(), "cost", money(u.cost()),
                        "requests", u.requests(), "first_seen", u.firstSeen(), "last_seen", u.lastSeen()))
                .toList();
        return JsonObject.of("users", users, "total", (long) all.size(), "limit", limit, "offset", offset);
    }

    /**
     * Active and new users and sessions per day. A new user is one whose first model call ever falls
     * on that day; sessions are the analysis sessions (X-Session-ID) that made a call that day.
     */
    public Map<String, Object> userActivity(AnalyticsPeriod period) {
        List<DaySummary> days = summaries.of(period);
        Set<Long> active = new HashSet<>();
        days.forEach(d -> d.users().forEach(u -> active.add(u.userId())));
        Map<String, Long> newUsers = new HashMap<>();
        for (Instant first : repository.firstUse(active).values()) {
            if (!first.isBefore(period.start())) {
                newUsers.merge(first.atZone(ZoneOffset.UTC).toLocalDate().toString(), 1L, Long::sum);
            }
        }
        List<Map<String, Object>> activity = byDay(days).stream()
                .map(d -> JsonObject.of("date", d.date(), "activeUsers", d.activeUsers(), "newUsers", newUsers.getOrDefault(d.date(), 0L),
                        "sessions", d.sessions()))
                .toList();
        return JsonObject.of("user_activity", activity, "period", period.label(),
                "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    /**
     * Session engagement over the period (default 30 days): model calls per session, and the time
     * between a session's first and last call, averaged over sessions that lasted longer than an instant.
     */
    public Map<String, Object> sessionStats(AnalyticsPeriod period) {
        AnalyticsRepository.SessionTotals sessions = repository.sessions(period);
        double avgSeconds = sessions.spans().stream().filter(d -> !d.isZero() && !d.isNegative())
                .mapToLong(Duration::toMillis).average().orElse(0) / 1000.0;
        long activeToday = repository.usersWithUsage(AnalyticsPeriod.today(clock));
        return JsonObject.of(
                "totalUsers", repository.userCount(true),
                "activeToday", activeToday,
                "avgQueriesPerSession", round(ratio(sessions.requests(), sessions.sessions()), 1),
                "avgSessionTime", round(avgSeconds, 1),
                "totalSessions", sessions.sessions(),
                "period", period.label());
    }

    public Map<String, Object> modelUsage(AnalyticsPeriod period) {
        List<Map<String, Object>> models = byModel(summaries.of(period)).stream()
                .sorted(Comparator.comparingLong(ModelStats::tokens).reversed().thenComparing(ModelStats::modelName))
                .map(m -> JsonObject.of("model_name", m.modelName(), "tokens", m.tokens(), "cost", money(m.cost()), "requests", m.requests(),
                        "avg_response_time", round(m.avgResponseMs() / 1000.0, 3)))
                .toList();
        return JsonObject.of("model_usage", models, "period", period.label(),
                "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    /** Every day of the period × every model seen in it, zero-filled. */
    public Map<String, Object> modelHistory(AnalyticsPeriod period) {
        TreeSet<String> models = new TreeSet<>();
        Map<String, ModelSlice> byKey = new HashMap<>();
        for (DaySummary day : summaries.of(period)) {
            for (ModelSlice m : day.models()) {
                models.add(m.modelName());
                byKey.put(day.date() + "|" + m.modelName(), m);
            }
        }
        List<Map<String, Object>> history = new ArrayList<>();
        for (String date : period.dates()) {
            List<Map<String, Object>> perModel = new ArrayList<>();
            for (String model : models) {
                ModelSlice row = byKey.get(date + "|" + model);
                perModel.add(JsonObject.of("name", model, "tokens", row == null ? 0L : row.tokens(), "requests", row == null ? 0L : row.requests()));
            }
            history.add(JsonObject.of("date", date, "models", perModel));
        }
        return JsonObject.of("model_history", history, "period", period.label(),
                "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    /** Success rate is the share (0..1) of calls that succeeded, as a real number (the original's integer division made it 0 or 1). */
    public Map<String, Object> modelMetrics(AnalyticsPeriod period) {
        List<Map<String, Object>> metrics = byModel(summaries.of(period)).stream()
                .map(m -> JsonObject.of("name", m.modelName(), "avg_tokens", round(ratio(m.tokens(), m.requests()), 1),
                        "avg_response_time", round(m.avgResponseMs() / 1000.0, 3), "success_rate", round(ratio(m.successful(), m.requests()), 4),
                        "requests", m.requests()))
                .toList();
        return JsonObject.of("model_metrics", metrics, "period", period.label());
    }

    public Map<String, Object> costSummary(AnalyticsPeriod period, long successfulAnswers) {
        Totals totals = totals(summaries.of(period));
        return JsonObject.of(
                "totalCost", money(totals.cost()),
                "totalTokens", totals.tokens(),
                "totalRequests", totals.requests(),
                "avgDailyCost", money(totals.cost() / period.days()),
                "costPerThousandTokens", money(ratio(totals.cost(), totals.tokens()) * 1000),
                "daysInPeriod", period.days(),
                "startDate", period.startDate().toString(),
                "endDate", period.endDate().toString(),
                // beyond the original: what one answer whose code ran costs, failures and retries included
                "successfulAnswers", successfulAnswers,
                "costPerSuccessfulAnswer", successfulAnswers == 0 ? null : money(totals.cost() / successfulAnswers));
    }

    public Map<String, Object> dailyCosts(AnalyticsPeriod period) {
        List<Map<String, Object>> daily = byDay(summaries.of(period)).stream()
                .map(d -> JsonObject.of("date", d.date(), "cost", money(d.cost()), "tokens", d.tokens()))
                .toList();
        return JsonObject.of("daily_costs", daily, "period", period.label(),
                "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    public Map<String, Object> modelCosts(AnalyticsPeriod period) {
        List<Map<String, Object>> models = byModel(summaries.of(period)).stream()
                .sorted(Comparator.comparingDouble(ModelStats::cost).reversed().thenComparing(ModelStats::modelName))
                .map(m -> JsonObject.of("model_name", m.modelName(), "cost", money(m.cost()), "tokens", m.tokens(), "requests", m.requests()))
                .toList();
        return JsonObject.of("model_costs", models, "period", period.label(),
                "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    /** Linear projection of the last 30 days, per day that had any usage. */
    public Map<String, Object> costProjections() {
        AnalyticsPeriod month = AnalyticsPeriod.lastDays(30, clock);
        List<Daily> days = byDay(summaries.of(month)).stream().filter(d -> d.requests() > 0).toList();
        double cost = days.stream().mapToDouble(Daily::cost).sum();
        long tokens = days.stream().mapToLong(Daily::tokens).sum();
        int baselineDays = days.size();
        double dailyCost = ratio(cost, baselineDays);
        double dailyTokens = ratio(tokens, baselineDays);
        return JsonObject.of(
                "nextMonth", money(dailyCost * 30),
                "next3Months", money(dailyCost * 90),
                "nextYear", money(dailyCost * 365),
                "tokensNextMonth", Math.round(dailyTokens * 30),
                "dailyCost", money(dailyCost),
                "dailyTokens", round(dailyTokens, 1),
                "baselineDays", baselineDays);
    }

    public Map<String, Object> costsToday() {
        AnalyticsPeriod today = AnalyticsPeriod.today(clock);
        Totals totals = totals(summaries.of(today));
        return JsonObject.of("date", today.endDate().toString(), "cost", money(totals.cost()), "tokens", totals.tokens(),
                "requests", totals.requests());
    }

    // ---- tiers -------------------------------------------------------------------------------

    /** A tier's roll-up over a period. Credits are what the queries cost users: requests × the tier's credits per query. */
    private record TierRollup(Tier tier, long tokens, long requests, double cost, List<ModelStats> models) {
        long credits() {
            return requests * tier.credits();
        }

        /** USD the provider charged per credit users paid (0 when nothing was used). */
        double costPerCredit() {
            return ratio(cost, credits());
        }

        double tokensPerCredit() {
            return ratio(tokens, credits());
        }
    }

    private List<Tier> tiers() {
        return registry.all().stream().map(ModelSpec::tier).distinct().sorted(Comparator.comparing(Tier::id)).toList();
    }

    /** Unknown models (e.g. removed from the registry since) count as the lowest tier, as in the original. */
    private Tier tierOf(String modelName) {
        List<Tier> tiers = tiers();
        return registry.find(modelName).map(ModelSpec::tier).orElse(tiers.getFirst());
    }

    private Map<String, TierRollup> rollup(AnalyticsPeriod period) {
        Map<String, List<ModelStats>> byTier = new LinkedHashMap<>();
        for (Tier tier : tiers()) byTier.put(tier.id(), new ArrayList<>());
        for (ModelStats model : byModel(summaries.of(period))) {
            byTier.get(tierOf(model.modelName()).id()).add(model);
        }
        Map<String, TierRollup> rollups = new LinkedHashMap<>();
        for (Tier tier : tiers()) {
            List<ModelStats> models = byTier.get(tier.id());
            rollups.put(tier.id(), new TierRollup(tier, models.stream().mapToLong(ModelStats::tokens).sum(),
                    models.stream().mapToLong(ModelStats::requests).sum(), models.stream().mapToDouble(ModelStats::cost).sum(), models));
        }
        return rollups;
    }

    public Map<String, Object> tierUsage(AnalyticsPeriod period) {
        Map<String, Object> data = new LinkedHashMap<>();
        rollup(period).forEach((id, t) -> data.put(id, JsonObject.of(
                "name", t.tier().name(),
                "credits", t.tier().credits(),
                "total_tokens", t.tokens(),
                "total_requests", t.requests(),
                "total_cost", money(t.cost()),
                "avg_tokens_per_query", round(ratio(t.tokens(), t.requests()), 1),
                "cost_per_1k_tokens", money(ratio(t.cost(), t.tokens()) * 1000),
                "models", t.models().stream().map(m -> JsonObject.of("name", m.modelName(), "tokens", m.tokens(), "requests", m.requests(),
                        "cost", money(m.cost()), "avg_tokens_per_query", round(ratio(m.tokens(), m.requests()), 1))).toList(),
                "total_credit_cost", t.credits(),
                "cost_per_credit", money(t.costPerCredit()))));
        return JsonObject.of("tier_data", data, "period", period.label(),
                "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    /** The last 30 days per day (÷ 30 calendar days), projected over 30, 90 and 365 days. */
    public Map<String, Object> tierProjections() {
        AnalyticsPeriod month = AnalyticsPeriod.lastDays(30, clock);
        Map<String, TierRollup> rollups = rollup(month);
        Map<String, Object> daily = new LinkedHashMap<>();
        rollups.forEach((id, t) -> daily.put(id, JsonObject.of(
                "name", t.tier().name(),
                "daily_requests", round(t.requests() / 30.0, 2),
                "daily_tokens", round(t.tokens() / 30.0, 2),
                "daily_cost", money(t.cost() / 30.0),
                "daily_credits", round(t.credits() / 30.0, 2))));
        Map<String, Object> projections = new LinkedHashMap<>();
        Map<String, Integer> horizons = new LinkedHashMap<>();
        horizons.put("monthly", 30);
        horizons.put("quarterly", 90);
        horizons.put("yearly", 365);
        horizons.forEach((name, days) -> {
            Map<String, Object> requests = new LinkedHashMap<>();
            Map<String, Object> tokens = new LinkedHashMap<>();
            Map<String, Object> cost = new LinkedHashMap<>();
            Map<String, Object> credits = new LinkedHashMap<>();
            double totalRequests = 0, totalTokens = 0, totalCost = 0, totalCredits = 0;
            for (var e : rollups.entrySet()) {
                TierRollup t = e.getValue();
                double r = t.requests() / 30.0 * days, k = t.tokens() / 30.0 * days, c = t.cost() / 30.0 * days, cr = t.credits() / 30.0 * days;
                requests.put(e.getKey(), round(r, 1));
                tokens.put(e.getKey(), round(k, 1));
                cost.put(e.getKey(), money(c));
                credits.put(e.getKey(), round(cr, 1));
                totalRequests += r;
                totalTokens += k;
                totalCost += c;
                totalCredits += cr;
            }
            projections.put(name, JsonObject.of("requests", requests, "tokens", tokens, "cost", cost, "credits", credits,
                    "total_requests", round(totalRequests, 1), "total_tokens", round(totalTokens, 1), "total_cost", money(totalCost),
                    "total_credits", round(totalCredits, 1)));
        });
        Map<String, Object> definitions = new LinkedHashMap<>();
        for (Tier tier : tiers()) {
            definitions.put(tier.id(), JsonObject.of("name", tier.name(), "credits", tier.credits(),
                    "models", registry.all().stream().filter(m -> m.tier().equals(tier)).map(ModelSpec::id).toList()));
        }
        return JsonObject.of("daily_usage", daily, "projections", projections, "tier_definitions", definitions);
    }

    public Map<String, Object> tierEfficiency(AnalyticsPeriod period) {
        Map<String, TierRollup> rollups = rollup(period);
        Map<String, Object> data = new LinkedHashMap<>();
        String mostEfficient = null;
        String bestValue = null;
        for (var e : rollups.entrySet()) {
            TierRollup t = e.getValue();
            data.put(e.getKey(), JsonObject.of(
                    "name", t.tier().name(),
                    "tokens_per_credit", round(t.tokensPerCredit(), 2),
                    "cost_per_credit", money(t.costPerCredit()),
                    "credit_cost", t.tier().credits(),
                    "cost_per_1k_tokens", money(ratio(t.cost(), t.tokens()) * 1000),
                    "avg_tokens_per_query", round(ratio(t.tokens(), t.requests()), 1),
                    "total_requests", t.requests(),
                    "total_tokens", t.tokens(),
                    "total_cost", money(t.cost())));
            if (t.requests() == 0) continue;
            if (mostEfficient == null || t.tokensPerCredit() > rollups.get(mostEfficient).tokensPerCredit()) mostEfficient = e.getKey();
            if (t.costPerCredit() > 0 && (bestValue == null || t.costPerCredit() < rollups.get(bestValue).costPerCredit())) bestValue = e.getKey();
        }
        return JsonObject.of("efficiency_data", data, "most_efficient_tier", mostEfficient, "best_value_tier", bestValue,
                "period", period.label(), "start_date", period.startDate().toString(), "end_date", period.endDate().toString());
    }

    public Map<String, Object> publicTicker() {
        Totals totals = repository.allTimeUsage();
        return JsonObject.of("total_signups", repository.userCount(false), "total_tokens", totals.tokens(),
                "total_requests", totals.requests(), "last_updated", clock.instant().toString());
    }

    // ---- helpers -----------------------------------------------------------------------------

}
