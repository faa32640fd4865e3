package io.autoanalyst.deepanalysis;

import io.autoanalyst.db.SqlTime;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** SQL for {@code deep_analysis_reports}. Every read names the owner, so ownership is checked in SQL. */
@Repository
public class DeepAnalysisRepository {

    private static final String COLUMNS = "report_id, report_uuid, user_id, goal, status, start_time, end_time, duration_seconds, "
            + "report_summary, created_at, updated_at, deep_questions, deep_plan, summaries, analysis_code, plotly_figures, "
            + "synthesis, final_conclusion, html_report, progress_percentage, credits_consumed, error_message, model_provider, "
            + "model_name, total_tokens_used, estimated_cost, steps_completed";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public DeepAnalysisRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long insert(String uuid, long userId, String sessionId, String goal, String modelProvider, String modelName, Instant now) {
        return jdbc.sql("INSERT INTO deep_analysis_reports (report_uuid, user_id, session_id, goal, status, start_time, "
                        + "progress_percentage, model_provider, model_name, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, 'running', ?, 0, ?, ?, ?, ?) RETURNING report_id")
                .params(uuid, userId, sessionId, goal, SqlTime.of(now), modelProvider, modelName, SqlTime.of(now), SqlTime.of(now))
                .query(Long.class).single();
    }

    /** A row the client made itself (the original frontend posts one after each run). */
    long insertPosted(DeepAnalysisController.ReportCreate r, long userId, Instant now) {
        return jdbc.sql("INSERT INTO deep_analysis_reports (report_uuid, user_id, goal, status, deep_questions, deep_plan, summaries, "
                        + "analysis_code, plotly_figures, synthesis, final_conclusion, html_report, report_summary, progress_percentage, "
                        + "duration_seconds, credits_consumed, error_message, model_provider, model_name, total_tokens_used, estimated_cost, "
                        + "steps_completed, start_time, end_time, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING report_id")
                .params(r.reportUuid(), userId, r.goal(), r.status() == null ? "completed" : r.status(), r.deepQuestions(), r.deepPlan(),
                        json.writeValueAsString(r.summaries() == null ? List.of() : r.summaries()), r.analysisCode(),
                        json.writeValueAsString(r.plotlyFigures() == null ? List.of() : r.plotlyFigures()),
                        json.writeValueAsString(r.synthesis() == null ? List.of() : r.synthesis()), r.finalConclusion(), r.htmlReport(),
                        r.reportSummary(), r.progressPercentage() == null ? 100 : r.progressPercentage(), r.durationSeconds(),
                        r.creditsConsumed() == null ? 0 : r.creditsConsumed(), r.errorMessage(), r.modelProvider(), r.modelName(),
                        r.totalTokensUsed() == null ? 0 : r.totalTokensUsed(), r.estimatedCost() == null ? 0.0 : r.estimatedCost(),
                        json.writeValueAsString(r.stepsCompleted() == null ? List.of() : r.stepsCompleted()),
                        SqlTime.of(now), SqlTime.of(now), SqlTime.of(now), SqlTime.of(now))
                .query(Long.class).single();
    }

    boolean uuidTaken(String uuid) {
        return jdbc.sql("SELECT count(*) FROM deep_analysis_reports WHERE report_uuid = ?").param(uuid).query(Long.class).single() > 0;
    }

    void progress(long id, int progress, List<String> stepsCompleted, Instant now) {
        jdbc.sql("UPDATE deep_analysis_reports SET progress_percentage = ?, steps_completed = ?, updated_at = ? WHERE report_id = ?")
                .params(progress, json.writeValueAsString(stepsCompleted), SqlTime.of(now), id).update();
    }

    void questionsAndPlan(long id, String questions, String plan, Instant now) {
        jdbc.sql("UPDATE deep_analysis_reports SET deep_questions = ?, deep_plan = ?, updated_at = ? WHERE report_id = ?")
                .params(questions, plan, SqlTime.of(now), id).update();
    }

    /** The end of a run, whatever the outcome: the status, what was produced, usage and timing. */
    void finish(long id, String status, DeepAnalysisResult result, String html, String summary, int progress,
                List<String> stepsCompleted, String error, long tokens, BigDecimal cost, Instant start, Instant end) {
        int duration = (int) Math.max(0, java.time.Duration.between(start, end).toSeconds());
        jdbc.sql("UPDATE deep_analysis_reports SET status = ?, deep_questions = ?, deep_plan = ?, summaries = ?, analysis_code = ?, "
                        + "plotly_figures = ?, synthesis = ?, final_conclusion = ?, html_report = ?, report_summary = ?, "
                        + "progress_percentage = ?, steps_completed = ?, error_message = ?, total_tokens_used = ?, estimated_cost = ?, "
                        + "end_time = ?, duration_seconds = ?, updated_at = ? WHERE report_id = ?")
                .params(status, result.deepQuestions(), result.deepPlan(), json.writeValueAsString(result.summaries()),
                        result.code(), json.writeValueAsString(result.plotlyFigs()), json.writeValueAsString(result.synthesis()),
                        result.finalConclusion(), html, summary, progress, json.writeValueAsString(stepsCompleted), error,
                        tokens, cost.doubleValue(), SqlTime.of(end), duration, SqlTime.of(end), id)
                .update();
    }

    Optional<DeepReport> findOwned(long reportId, long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deep_analysis_reports WHERE report_id = ? AND user_id = ?")
                .params(reportId, userId).query(this::map).optional();
    }

    Optional<DeepReport> findOwnedByUuid(String uuid, long userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deep_analysis_reports WHERE report_uuid = ? AND user_id = ?")
                .params(uuid, userId).query(this::map).optional();
    }

    List<DeepReport> listOwned(long userId, String status, int limit, int offset) {
        String filter = status == null ? "" : " AND status = ?";
        List<Object> params = new ArrayList<>(List.of(userId));
        if (status != null) params.add(status);
        params.add(limit);
        params.add(offset);
        return jdbc.sql("SELECT " + COLUMNS + " FROM deep_analysis_reports WHERE user_id = ?" + filter
                        + " ORDER BY created_at DESC, report_id DESC LIMIT ? OFFSET ?")
                .params(params).query(this::map).list();
    }

    boolean delete(long reportId) {
        return jdbc.sql("DELETE FROM deep_analysis_reports WHERE report_id = ?").param(reportId).update() > 0;
    }

    /** Sets the status; a final status also sets the end time and duration from the stored start (all UTC). */
    void status(long reportId, String status, boolean terminal, Instant now) {
        if (terminal) {
            jdbc.sql("UPDATE deep_analysis_reports SET status = ?, end_time = ?, updated_at = ? WHERE report_id = ?")
                    .params(status, SqlTime.of(now), SqlTime.of(now), reportId).update();
            findStart(reportId).ifPresent(start -> jdbc.sql("UPDATE deep_analysis_reports SET duration_seconds = ? WHERE report_id = ?")
                    .params((int) Math.max(0, java.time.Duration.between(start, now).toSeconds()), reportId).update());
        } else {
            jdbc.sql("UPDATE deep_analysis_reports SET status = ?, updated_at = ? WHERE report_id = ?")
                    .params(status, SqlTime.of(now), reportId).update();
        }
    }

    void storeHtml(long reportId, String html, Instant now) {
        jdbc.sql("UPDATE deep_analysis_reports SET html_report = ?, updated_at = ? WHERE report_id = ?")
                .params(html, SqlTime.of(now), reportId).update();
    }

    /**
     * Rows still {@code running} that started before {@code startedBefore}: no run lives that long (the time limit
     * stops it), so their server stopped mid-run and they will never finish.
     */
    int failAbandoned(Instant startedBefore, Instant now) {
        return jdbc.sql("UPDATE deep_analysis_reports SET status = 'failed', error_message = ?, end_time = ?, updated_at = ? "
                        + "WHERE status IN ('running', 'pending') AND start_time < ?")
                .params("The server stopped while the analysis was running", SqlTime.of(now), SqlTime.of(now), SqlTime.of(startedBefore))
                .update();
    }

    private Optional<Instant> findStart(long reportId) {
        return jdbc.sql("SELECT start_time FROM deep_analysis_reports WHERE report_id = ?").param(reportId)
                .query((rs, n) -> Optional.ofNullable(SqlTime.read(rs, "start_time"))).single();
    }

    private DeepReport map(ResultSet rs, int row) throws SQLException {
        long userId = rs.getLong("user_id");
        Long user = rs.wasNull() ? null : userId;
        int duration = rs.getInt("duration_seconds");
        Integer durationSeconds = rs.wasNull() ? null : duration;
        BigDecimal cost = rs.getBigDecimal("estimated_cost");
        return new DeepReport(rs.getLong("report_id"), rs.getString("report_uuid"), user, rs.getString("goal"),
                rs.getString("status"), SqlTime.read(rs, "start_time"), SqlTime.read(rs, "end_time"), durationSeconds,
                rs.getString("report_summary"), SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at"),
                rs.getString("deep_questions"), rs.getString("deep_plan"), strings(rs.getString("summaries")),
                rs.getString("analysis_code"), nested(rs.getString("plotly_figures")), strings(rs.getString("synthesis")),
                rs.getString("final_conclusion"), rs.getString("html_report"), rs.getInt("progress_percentage"),
                rs.getInt("credits_consumed"), rs.getString("error_message"), rs.getString("model_provider"),
                rs.getString("model_name"), rs.getLong("total_tokens_used"), cost == null ? BigDecimal.ZERO : cost,
                strings(rs.getString("steps_completed")));
    }

    /** Undecodable JSON reads as an empty list, as in the original. */
    private List<String> strings(String text) {
        if (text == null || text.isBlank()) return List.of();
        try {
            return json.readValue(text, new TypeReference<List<String>>() { });
        } catch (JacksonException e) {
            return List.of();
        }
    }

    private List<List<String>> nested(String text) {
        if (text == null || text.isBlank()) return List.of();
        try {
            JsonNode node = json.readTree(text);
            List<List<String>> out = new ArrayList<>();
            for (JsonNode inner : node.values()) {
                List<String> figs = new ArrayList<>();
                if (inner.isArray()) inner.values().forEach(f -> figs.add(f.isString() ? f.asString() : f.toString()));
                else figs.add(inner.isString() ? inner.asString() : inner.toString());
                out.add(figs);
            }
            return out;
        } catch (JacksonException e) {
            return List.of();
        }
    }
}
