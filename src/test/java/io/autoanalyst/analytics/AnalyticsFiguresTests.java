package io.autoanalyst.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.autoanalyst.db.SqlTime;
import io.autoanalyst.support.Api;
import io.autoanalyst.support.ApiTestBase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Every analytics route against a fresh database holding a few hand-made rows, on a server whose clock
 * stands at {@link #NOW}; each expected figure below is worked out by hand from the rows in {@link #seed()}.
 * Periods from NOW: 7d starts 2026-03-24T12:00Z, 30d 2026-03-01T12:00Z, 90d 2025-12-31T12:00Z.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AnalyticsFiguresTests {

    static final Instant NOW = Instant.parse("2026-03-31T12:00:00Z");

    /** The server's clock, fixed, so that the periods and "today" cover exactly the seeded rows. */
    @TestConfiguration(proxyBeanMethods = false)
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api admin;
    long ann;
    long bob;
    long guest;

    @BeforeAll
    void seed() {
        admin = new Api(port).with("X-Admin-API-Key", ApiTestBase.ADMIN_KEY);
        ann = user("ann", false);
        bob = user("bob", false);
        guest = user("guest", true);
        long annChat = chat(ann);
        long bobChat = chat(bob);
        long m1 = message(annChat, "A".repeat(250));
        long m2 = message(annChat, "second answer");
        long m3 = message(bobChat, "bob's answer");

        //    when                    user   session model                tokens prompt compl  cost  ms    ok
        usage("2026-03-31T10:00:00Z", ann, "s1", "gpt-5-mini", 1000, 800, 200, 0.5, 2000, true);
        usage("2026-03-31T11:00:00Z", ann, "s1", "gpt-5-mini", 500, 400, 100, 0.25, 1000, true);
        usage("2026-03-30T09:00:00Z", bob, "s2", "claude-sonnet-4-6", 2000, 1500, 500, 1.0, 3000, false);
        usage("2026-03-20T08:00:00Z", bob, "s3", "claude-sonnet-4-6", 3000, 2000, 1000, 2.0, 4000, true);
        usage("2026-03-10T08:00:00Z", guest, "s4", "retired-model", 400, 300, 100, 0.1, 500, true);
        usage("2026-02-15T08:00:00Z", ann, "s5", "gpt-5-mini", 10000, 8000, 2000, 4.0, 1000, true);
        usage("2025-11-01T08:00:00Z", bob, null, "gpt-5-mini", 99999, 90000, 9999, 50.0, 1000, true);

        //        when                    user chat     message model             ok     initial latest failed agents / errors
        execution("2026-03-31T09:00:00Z", ann, annChat, m1, "gpt-5-mini", true, "a", "a", null, null);
        execution("2026-03-30T09:00:00Z", ann, annChat, m2, "gpt-5-mini", true, "x", "y", null, null);
        execution("2026-03-29T09:00:00Z", bob, bobChat, m3, "claude-sonnet-4-6", false, "p", "q",
                "[\"data_viz_agent\"]", "{\"data_viz_agent\": \"KeyError: 'price'\"}");
        execution("2026-03-20T09:00:00Z", bob, bobChat, null, "claude-sonnet-4-6", false, "z", "z",
                "[\"preprocessing_agent\", \"data_viz_agent\"]",
                "{\"preprocessing_agent\": \"NameError: name 'x' is not defined\", \"data_viz_agent\": \"TypeError: unsupported operand\"}");
        execution("2026-02-01T09:00:00Z", ann, annChat, m1, "gpt-5-mini", true, "b", "b", null, null);

        feedback("2026-03-31T08:00:00Z", m1, 5, "gpt-5-mini");
        feedback("2026-03-30T08:00:00Z", m2, 3, "gpt-5-mini");
        feedback("2026-03-15T08:00:00Z", m3, 1, "claude-sonnet-4-6");
    }

    @Test
    void dashboardForEachPeriod() {
        JsonNode week = get("/analytics/dashboard?period=7d");
        assertThat(week.path("total_tokens").asLong()).isEqualTo(3500);
        assertThat(week.path("total_cost").asDouble()).isCloseTo(1.75, within(1e-9));
        assertThat(week.path("total_requests").asLong()).isEqualTo(3);
        assertThat(week.path("total_users").asLong()).isEqualTo(2);
        assertThat(week.path("avg_cost_per_request").asDouble()).isCloseTo(0.5833333, within(1e-9));
        assertThat(dates(week.path("daily_usage"))).hasSize(8).startsWith("2026-03-24").endsWith("2026-03-31");
        assertThat(day(week.path("daily_usage"), "2026-03-30").toString()).isEqualTo("{\"date\":\"2026-03-30\",\"tokens\":2000,\"cost\":1.0,\"requests\":1}");
        assertThat(day(week.path("daily_usage"), "2026-03-31").path("tokens").asLong()).isEqualTo(1500);
        assertThat(day(week.path("daily_usage"), "2026-03-25").path("requests").asLong()).isZero();
        assertThat(week.path("model_usage").toString()).isEqualTo("[{\"model_name\":\"claude-sonnet-4-6\",\"tokens\":2000,\"cost\":1.0,\"requests\":1},"
                + "{\"model_name\":\"gpt-5-mini\",\"tokens\":1500,\"cost\":0.75,\"requests\":2}]");
        assertThat(week.path("top_users").toString()).isEqualTo("[{\"user_id\":\"" + bob + "\",\"tokens\":2000,\"cost\":1.0,\"requests\":1},"
                + "{\"user_id\":\"" + ann + "\",\"tokens\":1500,\"cost\":0.75,\"requests\":2}]");
        assertThat(week.path("start_date").asString()).isEqualTo("2026-03-24");
        assertThat(week.path("end_date").asString()).isEqualTo("2026-03-31");

        JsonNode month = get("/analytics/dashboard?period=30d");
        assertThat(month.path("total_tokens").asLong()).isEqualTo(6900);
        assertThat(month.path("total_cost").asDouble()).isCloseTo(3.85, within(1e-9));
        assertThat(month.path("total_requests").asLong()).isEqualTo(5);
        assertThat(month.path("total_users").asLong()).isEqualTo(3);
        assertThat(month.path("daily_usage")).hasSize(31);
        assertThat(names(month.path("model_usage"), "model_name")).containsExactly("claude-sonnet-4-6", "gpt-5-mini", "retired-model");
        assertThat(names(month.path("top_users"), "user_id")).containsExactly(String.valueOf(bob), String.valueOf(ann), String.valueOf(guest));

        JsonNode quarter = get("/analytics/dashboard?period=90d");
        assertThat(quarter.path("total_tokens").asLong()).isEqualTo(16900);
        assertThat(quarter.path("total_cost").asDouble()).isCloseTo(7.85, within(1e-9));
        assertThat(quarter.path("total_requests").asLong()).isEqualTo(6);
        assertThat(quarter.path("daily_usage")).hasSize(91);
        assertThat(quarter.path("start_date").asString()).isEqualTo("2025-12-31");

        assertThat(get("/analytics/dashboard?period=1y").path("total_tokens").asLong()).as("unknown period = 30 days").isEqualTo(6900);
        assertThat(get("/analytics/usage/summary").path("total_tokens").asLong()).isEqualTo(6900);
        JsonNode daily = get("/analytics/daily?days=30");
        assertThat(daily.path("daily_usage")).hasSize(31);
    }

    @Test
    void usersOfTheLastWeekAndTheirActivity() {
        JsonNode users = get("/analytics/users?limit=100");
        assertThat(users.path("total").asLong()).isEqualTo(2);
        assertThat(users.path("users").get(0).path("user_id").asString()).isEqualTo(String.valueOf(bob));
        JsonNode annRow = users.path("users").get(1);
        assertThat(annRow.path("requests").asLong()).isEqualTo(2);
        assertThat(Instant.parse(annRow.path("first_seen").asString())).isEqualTo(Instant.parse("2026-03-31T10:00:00Z"));
        assertThat(Instant.parse(annRow.path("last_seen").asString())).isEqualTo(Instant.parse("2026-03-31T11:00:00Z"));
        assertThat(get("/analytics/users?limit=1&offset=1").path("users").get(0).path("user_id").asString()).isEqualTo(String.valueOf(ann));

        JsonNode month = get("/analytics/users/activity?period=30d").path("user_activity");
        assertThat(month).hasSize(31);
        assertThat(day(month, "2026-03-10").toString()).isEqualTo("{\"date\":\"2026-03-10\",\"activeUsers\":1,\"newUsers\":1,\"sessions\":1}");
        assertThat(day(month, "2026-03-31").toString()).isEqualTo("{\"date\":\"2026-03-31\",\"activeUsers\":1,\"newUsers\":0,\"sessions\":1}");
        assertThat(day(month, "2026-03-11").toString()).isEqualTo("{\"date\":\"2026-03-11\",\"activeUsers\":0,\"newUsers\":0,\"sessions\":0}");
        JsonNode quarter = get("/analytics/users/activity?period=90d").path("user_activity");
        assertThat(day(quarter, "2026-02-15").path("newUsers").asLong()).as("ann's first call ever").isEqualTo(1);
        long newInWeek = 0;
        for (JsonNode d : get("/analytics/users/activity?period=7d").path("user_activity")) newInWeek += d.path("newUsers").asLong();
        assertThat(newInWeek).isZero();

        JsonNode stats = get("/analytics/users/sessions/stats");
        assertThat(stats.path("totalUsers").asLong()).isEqualTo(3);
        assertThat(stats.path("activeToday").asLong()).isEqualTo(1);
        assertThat(stats.path("avgQueriesPerSession").asDouble()).as("5 calls in 4 sessions, 1 decimal").isEqualTo(1.3);
        assertThat(stats.path("avgSessionTime").asDouble()).as("only s1 lasted: 10:00 to 11:00").isEqualTo(3600.0);
    }

    @Test
    void modelsUsageHistoryAndMetrics() {
        JsonNode models = get("/analytics/usage/models?period=30d").path("model_usage");
        assertThat(models.get(0).toString()).isEqualTo("{\"model_name\":\"claude-sonnet-4-6\",\"tokens\":5000,\"cost\":3.0,\"requests\":2,\"avg_response_time\":3.5}");
        assertThat(models.get(1).path("avg_response_time").asDouble()).isEqualTo(1.5);

        JsonNode history = get("/analytics/models/history?period=7d").path("model_history");
        assertThat(history).hasSize(8);
        assertThat(day(history, "2026-03-31").path("models").toString()).isEqualTo(
                "[{\"name\":\"claude-sonnet-4-6\",\"tokens\":0,\"requests\":0},{\"name\":\"gpt-5-mini\",\"tokens\":1500,\"requests\":2}]");
        assertThat(day(history, "2026-03-24").path("models")).hasSize(2);

        JsonNode metrics = get("/analytics/models/metrics").path("model_metrics");
        JsonNode claude = byKey(metrics, "name", "claude-sonnet-4-6");
        assertThat(claude.path("avg_tokens").asDouble()).isEqualTo(2500.0);
        assertThat(claude.path("avg_response_time").asDouble()).isEqualTo(3.5);
        assertThat(claude.path("success_rate").asDouble()).as("one of two calls failed: no integer division").isEqualTo(0.5);
        assertThat(byKey(metrics, "name", "gpt-5-mini").path("success_rate").asDouble()).isEqualTo(1.0);
    }

    @Test
    void costs() {
        JsonNode summary = get("/analytics/costs/summary?period=30d");
        assertThat(summary.path("totalCost").asDouble()).isEqualTo(3.85);
        assertThat(summary.path("totalTokens").asLong()).isEqualTo(6900);
        assertThat(summary.path("totalRequests").asLong()).isEqualTo(5);
        assertThat(summary.path("avgDailyCost").asDouble()).isEqualTo(0.1283333);
        assertThat(summary.path("costPerThousandTokens").asDouble()).isEqualTo(0.557971);
        assertThat(summary.path("daysInPeriod").asInt()).isEqualTo(30);
        assertThat(summary.path("startDate").asString()).isEqualTo("2026-03-01");
        assertThat(summary.path("endDate").asString()).isEqualTo("2026-03-31");
        assertThat(summary.path("successfulAnswers").asLong()).isEqualTo(2);
        assertThat(summary.path("costPerSuccessfulAnswer").asDouble()).isEqualTo(1.925);
        assertThat(get("/analytics/costs/summary?period=7d").path("costPerSuccessfulAnswer").asDouble()).as("1.75 / 2").isEqualTo(0.875);

        JsonNode daily = get("/analytics/costs/daily?period=7d").path("daily_costs");
        assertThat(daily).hasSize(8);
        assertThat(day(daily, "2026-03-31").toString()).isEqualTo("{\"date\":\"2026-03-31\",\"cost\":0.75,\"tokens\":1500}");
        assertThat(day(daily, "2026-03-26").toString()).isEqualTo("{\"date\":\"2026-03-26\",\"cost\":0.0,\"tokens\":0}");

        assertThat(names(get("/analytics/costs/models?period=30d").path("model_costs"), "model_name"))
                .containsExactly("claude-sonnet-4-6", "gpt-5-mini", "retired-model");

        JsonNode projections = get("/analytics/costs/projections");
        assertThat(projections.path("baselineDays").asInt()).as("4 days with usage in the last 30").isEqualTo(4);
        assertThat(projections.path("dailyCost").asDouble()).isEqualTo(0.9625);
        assertThat(projections.path("nextMonth").asDouble()).isEqualTo(28.875);
        assertThat(projections.path("next3Months").asDouble()).isEqualTo(86.625);
        assertThat(projections.path("nextYear").asDouble()).isEqualTo(351.3125);
        assertThat(projections.path("dailyTokens").asDouble()).isEqualTo(1725.0);
        assertThat(projections.path("tokensNextMonth").asLong()).isEqualTo(51750);

        assertThat(get("/analytics/costs/today").toString()).isEqualTo("{\"date\":\"2026-03-31\",\"cost\":0.75,\"tokens\":1500,\"requests\":2}");
    }

    @Test
    void tiers() {
        JsonNode usage = get("/analytics/tiers/usage?period=30d");
        JsonNode tier2 = usage.path("tier_data").path("tier2");
        assertThat(tier2.path("name").asString()).isEqualTo("Standard");
        assertThat(tier2.path("credits").asInt()).isEqualTo(3);
        assertThat(tier2.path("total_tokens").asLong()).isEqualTo(1500);
        assertThat(tier2.path("total_requests").asLong()).isEqualTo(2);
        assertThat(tier2.path("total_cost").asDouble()).isEqualTo(0.75);
        assertThat(tier2.path("avg_tokens_per_query").asDouble()).isEqualTo(750.0);
        assertThat(tier2.path("cost_per_1k_tokens").asDouble()).isEqualTo(0.5);
        assertThat(tier2.path("total_credit_cost").asLong()).as("2 requests × 3 credits").isEqualTo(6);
        assertThat(tier2.path("cost_per_credit").asDouble()).isEqualTo(0.125);
        assertThat(usage.path("tier_data").path("tier1").path("models").get(0).path("name").asString())
                .as("a model no longer in the registry counts as tier1").isEqualTo("retired-model");
        assertThat(usage.path("tier_data").path("tier3").path("total_credit_cost").asLong()).isEqualTo(10);
        assertThat(usage.path("tier_data").path("tier5").path("total_requests").asLong()).isZero();

        JsonNode efficiency = get("/analytics/tiers/efficiency?period=30d");
        assertThat(efficiency.path("efficiency_data").path("tier3").path("tokens_per_credit").asDouble()).isEqualTo(500.0);
        assertThat(efficiency.path("efficiency_data").path("tier1").path("cost_per_credit").asDouble()).isEqualTo(0.1);
        assertThat(efficiency.path("efficiency_data").path("tier3").path("credit_cost").asInt()).isEqualTo(5);
        assertThat(efficiency.path("most_efficient_tier").asString()).isEqualTo("tier3");
        assertThat(efficiency.path("best_value_tier").asString()).isEqualTo("tier1");

        JsonNode projections = get("/analytics/tiers/projections");
        assertThat(projections.path("daily_usage").path("tier3").path("daily_credits").asDouble()).isEqualTo(0.33);
        JsonNode monthly = projections.path("projections").path("monthly");
        assertThat(monthly.path("total_requests").asDouble()).isEqualTo(5.0);
        assertThat(monthly.path("total_credits").asDouble()).as("1 + 6 + 10").isEqualTo(17.0);
        assertThat(monthly.path("requests").path("tier3").asDouble()).isEqualTo(2.0);
        assertThat(projections.path("projections").path("yearly").path("total_cost").asDouble()).isEqualTo(46.8416667);
        assertThat(projections.path("tier_definitions").path("tier2").path("credits").asInt()).isEqualTo(3);
    }

    @Test
    void codeExecutionsAndTheFixLoop() {
        JsonNode week = get("/analytics/code-executions/summary?period=7d");
        assertThat(week.path("overall_stats").toString()).isEqualTo("{\"total_executions\":3,\"successful_executions\":2,"
                + "\"failed_executions\":1,\"success_rate\":66.67,\"total_users\":2,\"total_chats\":2}");
        assertThat(byKey(week.path("model_performance"), "model_name", "claude-sonnet-4-6").path("success_rate").asDouble()).isEqualTo(0.0);
        assertThat(byKey(week.path("model_performance"), "model_name", "gpt-5-mini").path("success_rate").asDouble()).isEqualTo(100.0);
        assertThat(week.path("fix_loop").toString()).as("x→y now runs, p→q still fails")
                .isEqualTo("{\"repair_attempts\":2,\"repaired\":1,\"not_repaired\":1,\"success_rate\":50.0}");

        JsonNode month = get("/analytics/code-executions/summary?period=30d");
        assertThat(month.path("overall_stats").path("success_rate").asDouble()).isEqualTo(50.0);
        assertThat(month.path("failed_agents").toString()).isEqualTo(
                "[{\"agent_name\":\"data_viz_agent\",\"failure_count\":2},{\"agent_name\":\"preprocessing_agent\",\"failure_count\":1}]");
        assertThat(get("/analytics/code-executions/summary?period=90d").path("overall_stats").path("total_executions").asLong()).isEqualTo(5);

        JsonNode failed = get("/analytics/code-executions/detailed?period=30d&success_filter=false");
        assertThat(failed.path("count").asInt()).isEqualTo(2);
        JsonNode newest = failed.path("executions").get(0);
        assertThat(newest.path("error_messages").path("data_viz_agent").asString()).isEqualTo("KeyError: 'price'");
        assertThat(newest.path("failed_agents").toString()).isEqualTo("[\"data_viz_agent\"]");
        assertThat(newest.path("model_info").path("name").asString()).isEqualTo("claude-sonnet-4-6");
        assertThat(newest.path("latest_code_preview").asString()).isEqualTo("q");
        assertThat(get("/analytics/code-executions/detailed?period=30d&user_id=" + ann).path("count").asInt()).isEqualTo(2);

        JsonNode users = get("/analytics/code-executions/users?period=30d").path("users");
        assertThat(byKey(users, "user_id", String.valueOf(bob)).path("success_rate").asDouble()).isEqualTo(0.0);
        assertThat(byKey(users, "user_id", String.valueOf(ann)).path("successful_executions").asLong()).isEqualTo(2);

        JsonNode errors = get("/analytics/code-executions/error-analysis?period=30d");
        assertThat(errors.path("total_failed_executions").asLong()).isEqualTo(2);
        assertThat(errors.path("error_types").toString()).isEqualTo("[{\"error_type\":\"IndexError/KeyError\",\"count\":1},"
                + "{\"error_type\":\"NameError\",\"count\":1},{\"error_type\":\"TypeError\",\"count\":1}]");
        JsonNode viz = errors.path("error_by_agent").get(0);
        assertThat(viz.path("agent_name").asString()).isEqualTo("data_viz_agent");
        assertThat(viz.path("error_count").asLong()).isEqualTo(2);
    }

    @Test
    void feedback() {
        JsonNode week = get("/analytics/feedback/summary?period=7d");
        assertThat(week.path("total_feedback").asLong()).isEqualTo(2);
        assertThat(week.path("avg_rating").asDouble()).isEqualTo(4.0);
        assertThat(week.path("chats_with_feedback").asLong()).isEqualTo(1);
        assertThat(week.path("ratings_distribution").toString()).isEqualTo("[{\"rating\":1,\"count\":0},{\"rating\":2,\"count\":0},"
                + "{\"rating\":3,\"count\":1},{\"rating\":4,\"count\":0},{\"rating\":5,\"count\":1}]");
        assertThat(week.path("feedback_trend")).hasSize(8);
        assertThat(day(week.path("feedback_trend"), "2026-03-30").toString()).isEqualTo("{\"date\":\"2026-03-30\",\"avg_rating\":3.0,\"count\":1}");
        assertThat(day(week.path("feedback_trend"), "2026-03-29").toString()).isEqualTo("{\"date\":\"2026-03-29\",\"avg_rating\":null,\"count\":0}");

        JsonNode month = get("/analytics/feedback/summary?period=30d");
        assertThat(month.path("total_feedback").asLong()).isEqualTo(3);
        assertThat(month.path("avg_rating").asDouble()).isEqualTo(3.0);
        assertThat(month.path("chats_with_feedback").asLong()).isEqualTo(2);
        assertThat(month.path("models_data").toString()).isEqualTo("[{\"model_name\":\"gpt-5-mini\",\"total_feedback\":2,\"avg_rating\":4.0},"
                + "{\"model_name\":\"claude-sonnet-4-6\",\"total_feedback\":1,\"avg_rating\":1.0}]");

        JsonNode detailed = get("/analytics/feedback/detailed?period=30d&min_rating=3&limit=10");
        assertThat(detailed.path("total").asLong()).isEqualTo(2);
        assertThat(detailed.path("count").asInt()).isEqualTo(2);
        JsonNode first = detailed.path("feedback").get(0);
        assertThat(first.path("rating").asInt()).isEqualTo(5);
        assertThat(first.path("message_preview").asString()).hasSize(200);
        assertThat(first.path("message_sender").asString()).isEqualTo("ai");
        assertThat(get("/analytics/feedback/detailed?period=30d&model_name=claude-sonnet-4-6").path("total").asLong()).isEqualTo(1);
    }

    @Test
    void rowsAddedToOrRemovedFromAClosedDayAreCountedOnTheNextRequest() {
        assertThat(get("/analytics/dashboard?period=7d").path("total_tokens").asLong()).isEqualTo(3500);
        usage("2026-03-25T08:00:00Z", ann, "s9", "gpt-5-mini", 7, 5, 2, 0.001, 10, true);
        try {
            JsonNode week = get("/analytics/dashboard?period=7d");
            assertThat(week.path("total_tokens").asLong()).as("an imported row on a summarised day").isEqualTo(3507);
            assertThat(day(week.path("daily_usage"), "2026-03-25").path("tokens").asLong()).isEqualTo(7);
        } finally {
            jdbc.sql("DELETE FROM model_usage WHERE session_id = 's9'").update();
        }
        assertThat(get("/analytics/dashboard?period=7d").path("total_tokens").asLong()).isEqualTo(3500);
    }

    @Test
    void publicTickerCountsRegisteredUsersAndAllUsage() {
        JsonNode ticker = new Api(port).get("/analytics/public/ticker").json();
        assertThat(ticker.path("total_signups").asLong()).as("guests are not sign-ups").isEqualTo(2);
        assertThat(ticker.path("total_tokens").asLong()).isEqualTo(116899);
        assertThat(ticker.path("total_requests").asLong()).isEqualTo(7);
        assertThat(ticker.path("last_updated").asString()).isEqualTo(NOW.toString());
    }

    @Test
    void csvExportListsThePeriodsRowsOldestFirst() {
        Api.Response csv = admin.get("/analytics/export.csv?period=7d");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo(UsageCsvExport.HEADER);
        assertThat(lines[1]).contains(",2026-03-30T09:00:00Z," + bob + ",,\"claude-sonnet-4-6\",").endsWith(",2000,1.0,3000,false,false");
        assertThat(lines[3]).contains("2026-03-31T11:00:00Z");
    }

    // ---- arrange -----------------------------------------------------------------------------

    private long user(String name, boolean isGuest) {
        return jdbc.sql("INSERT INTO users (username, email, is_guest) VALUES (?, ?, ?) RETURNING user_id")
                .params(name, name + "-" + System.nanoTime() + "@example.org", isGuest).query(Long.class).single();
    }

    private long chat(long userId) {
        return jdbc.sql("INSERT INTO chats (user_id, title) VALUES (?, 'c') RETURNING chat_id").params(userId).query(Long.class).single();
    }

    private long message(long chatId, String content) {
        return jdbc.sql("INSERT INTO messages (chat_id, sender, content) VALUES (?, 'ai', ?) RETURNING message_id")
                .params(chatId, content).query(Long.class).single();
    }

    private void usage(String at, long userId, String session, String model, int tokens, int prompt, int completion, double cost,
                       int ms, boolean ok) {
        jdbc.sql("INSERT INTO model_usage (user_id, session_id, model_name, provider, prompt_tokens, completion_tokens, total_tokens, "
                        + "cost, timestamp, request_time_ms, is_successful) VALUES (?, ?, ?, 'p', ?, ?, ?, ?, ?, ?, ?)")
                .params(userId, session, model, prompt, completion, tokens, cost, SqlTime.of(Instant.parse(at)), ms, ok).update();
    }

    private void execution(String at, long userId, long chatId, Long messageId, String model, boolean ok, String initial, String latest,
                           String failedAgents, String errors) {
        jdbc.sql("INSERT INTO code_executions (message_id, chat_id, user_id, initial_code, latest_code, is_successful, model_provider, "
                        + "model_name, failed_agents, error_messages, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'p', ?, ?, ?, ?, ?)")
                .params(messageId, chatId, userId, initial, latest, ok, model, failedAgents, errors, SqlTime.of(Instant.parse(at)),
                        SqlTime.of(Instant.parse(at)))
                .update();
    }

    private void feedback(String at, long messageId, int rating, String model) {
        jdbc.sql("INSERT INTO message_feedback (message_id, rating, model_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
                .params(messageId, rating, model, SqlTime.of(Instant.parse(at)), SqlTime.of(Instant.parse(at))).update();
    }

    // ---- read --------------------------------------------------------------------------------

    private JsonNode get(String path) {
        Api.Response response = admin.get(path);
        assertThat(response.status()).as(path + " → " + response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> dates(JsonNode series) {
        return names(series, "date");
    }

    private static List<String> names(JsonNode list, String key) {
        List<String> names = new ArrayList<>();
        list.forEach(n -> names.add(n.path(key).asString()));
        return names;
    }

    private static JsonNode day(JsonNode series, String date) {
        return byKey(series, "date", date);
    }

    private static JsonNode byKey(JsonNode list, String key, String value) {
        for (JsonNode n : list) {
            if (value.equals(n.path(key).asString())) return n;
        }
        throw new AssertionError("no entry with " + key + " = " + value + " in " + list);
    }
}
