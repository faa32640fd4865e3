package io.autoanalyst.evaluation;

import io.autoanalyst.db.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** SQL for eval_runs and eval_results; portable, the same statements on SQLite and PostgreSQL. */
@Repository
public class EvaluationRepository {

    private static final String RUN_COLUMNS = "run_id, benchmark, model_name, data_dir, question_ids, concurrency, status, "
            + "questions, correct_questions, accuracy_by_question, accuracy_proportional, accuracy_sub_question, "
            + "prompt_tokens, completion_tokens, cost, wall_ms, report_dir, error_message, created_at, updated_at, finished_at, instance_id";
    private static final String RESULT_COLUMNS = "run_id, question_id, level, concepts, question, session_id, verdict, "
            + "sub_correct, sub_total, expected_answers, extracted_answers, sub_results, code, output, summary, error_message, "
            + "prompt_tokens, completion_tokens, cost, elapsed_ms";
    private static final TypeReference<List<Integer>> INTS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<List<NamedAnswer>> ANSWERS = new TypeReference<>() { };
    private static final TypeReference<List<SubAnswerVerdict>> VERDICTS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public EvaluationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A running run nobody works on (as one whose process ended). */
    public long insertRun(String benchmark, String model, String dataDir, List<Integer> questionIds, int concurrency, Instant now) {
        return insertRun(benchmark, model, dataDir, questionIds, concurrency, null, now);
    }

    /** @param instanceId the instance that works on it */
    public long insertRun(String benchmark, String model, String dataDir, List<Integer> questionIds, int concurrency,
                          String instanceId, Instant now) {
        return jdbc.sql("INSERT INTO eval_runs (benchmark, model_name, data_dir, question_ids, concurrency, status, questions, "
                        + "created_at, updated_at, instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING run_id")
                .params(benchmark, model, dataDir, json.writeValueAsString(questionIds), concurrency, RunStatus.RUNNING.id(),
                        questionIds.size(), SqlTime.of(now), SqlTime.of(now), instanceId)
                .query(Long.class).single();
    }

    public Optional<EvaluationRun> find(long runId) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM eval_runs WHERE run_id = ?").param(runId).query(this::mapRun).optional();
    }

    /** Newest first. */
    public List<EvaluationRun> list(int limit) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM eval_runs ORDER BY run_id DESC LIMIT ?").param(limit).query(this::mapRun).list();
    }

    /** The newest unfinished run of the same benchmark, model and questions: the one a new start continues. */
    public Optional<EvaluationRun> findUnfinished(String benchmark, String model, List<Integer> questionIds) {
        return jdbc.sql("SELECT " + RUN_COLUMNS + " FROM eval_runs WHERE benchmark = ? AND model_name = ? AND question_ids = ? "
                        + "AND status = ? ORDER BY run_id DESC LIMIT 1")
                .params(benchmark, model, json.writeValueAsString(questionIds), RunStatus.RUNNING.id())
                .query(this::mapRun).optional();
    }

    /**
     * Marks the run running on {@code instanceId}, unless another instance that is still live works on it. One
     * statement, so two instances resuming the same run at once cannot both get it.
     *
     * @return whether this instance got the run
     */
    public boolean claim(long runId, int concurrency, String instanceId, Instant now) {
        return jdbc.sql("UPDATE eval_runs SET status = ?, concurrency = ?, instance_id = ?, error_message = NULL, finished_at = NULL, "
                        + "updated_at = ? WHERE run_id = ? AND (status <> ? OR instance_id IS NULL OR instance_id = ? OR NOT EXISTS "
                        + "(SELECT 1 FROM instances i WHERE i.instance_id = eval_runs.instance_id AND i.expires_at > ?))")
                .params(RunStatus.RUNNING.id(), concurrency, instanceId, SqlTime.of(now), runId, RunStatus.RUNNING.id(), instanceId,
                        SqlTime.of(now))
                .update() > 0;
    }

    public void finish(long runId, Accuracy accuracy, long promptTokens, long completionTokens, double cost, long wallMs,
                       String reportDir, Instant now) {
        jdbc.sql("UPDATE eval_runs SET status = ?, questions = ?, correct_questions = ?, accuracy_by_question = ?, "
                        + "accuracy_proportional = ?, accuracy_sub_question = ?, prompt_tokens = ?, completion_tokens = ?, cost = ?, "
                        + "wall_ms = ?, report_dir = ?, updated_at = ?, finished_at = ? WHERE run_id = ?")
                .params(RunStatus.FINISHED.id(), accuracy.questions(), accuracy.correctQuestions(), accuracy.byQuestion(),
                        accuracy.proportional(), accuracy.bySubQuestion(), promptTokens, completionTokens, cost, wallMs, reportDir,
                        SqlTime.of(now), SqlTime.of(now), runId)
                .update();
    }

    public void fail(long runId, String message, Instant now) {
        jdbc.sql("UPDATE eval_runs SET status = ?, error_message = ?, updated_at = ? WHERE run_id = ?")
                .params(RunStatus.FAILED.id(), message, SqlTime.of(now), runId).update();
    }

    /**
     * Stores a scored question and the run's time spent so far, so that a process that dies loses neither.
     *
     * @return false when the question was already scored (another worker got there first)
     */
    public boolean saveResult(QuestionResult r, long runWallMs, Instant now) {
        try {
            jdbc.sql("INSERT INTO eval_results (" + RESULT_COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            + "?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(r.runId(), r.questionId(), r.level(), json.writeValueAsString(r.concepts()), r.question(), r.sessionId(),
                            r.verdict().id(), r.subCorrect(), r.subTotal(), json.writeValueAsString(r.expected()),
                            json.writeValueAsString(r.extracted()), json.writeValueAsString(r.subAnswers()), r.code(), r.output(),
                            r.summary(), r.error(), r.promptTokens(), r.completionTokens(), r.cost(), r.elapsedMs(), SqlTime.of(now))
                    .update();
        } catch (DuplicateKeyException e) {
            return false;
        }
        jdbc.sql("UPDATE eval_runs SET wall_ms = ?, updated_at = ? WHERE run_id = ?").params(runWallMs, SqlTime.of(now), r.runId()).update();
        return true;
    }

    /** The run's scored questions, in the order they were scored. */
    public List<QuestionResult> results(long runId) {
        return jdbc.sql("SELECT " + RESULT_COLUMNS + " FROM eval_results WHERE run_id = ? ORDER BY result_id")
                .param(runId).query(this::mapResult).list();
    }

    public Set<Integer> scoredQuestions(long runId) {
        return new HashSet<>(jdbc.sql("SELECT question_id FROM eval_results WHERE run_id = ?").param(runId).query(Integer.class).list());
    }

    private EvaluationRun mapRun(ResultSet rs, int row) throws SQLException {
        return new EvaluationRun(rs.getLong("run_id"), rs.getString("benchmark"), rs.getString("model_name"),
                rs.getString("data_dir"), json.readValue(rs.getString("question_ids"), INTS), rs.getInt("concurrency"),
                RunStatus.parse(rs.getString("status")), rs.getInt("questions"), rs.getInt("correct_questions"),
                nullableDouble(rs, "accuracy_by_question"), nullableDouble(rs, "accuracy_proportional"),
                nullableDouble(rs, "accuracy_sub_question"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
                rs.getDouble("cost"), rs.getLong("wall_ms"), rs.getString("report_dir"), rs.getString("error_message"),
                SqlTime.read(rs, "created_at"), SqlTime.read(rs, "updated_at"), SqlTime.read(rs, "finished_at"),
                rs.getString("instance_id"));
    }

    private QuestionResult mapResult(ResultSet rs, int row) throws SQLException {
        return new QuestionResult(rs.getLong("run_id"), rs.getInt("question_id"), rs.getString("level"),
                json.readValue(rs.getString("concepts"), STRINGS), rs.getString("question"), rs.getString("session_id"),
                Verdict.parse(rs.getString("verdict")), rs.getInt("sub_correct"), rs.getInt("sub_total"),
                json.readValue(rs.getString("expected_answers"), ANSWERS), json.readValue(rs.getString("extracted_answers"), ANSWERS),
                json.readValue(rs.getString("sub_results"), VERDICTS), rs.getString("code"), rs.getString("output"),
                rs.getString("summary"), rs.getString("error_message"), rs.getLong("prompt_tokens"), rs.getLong("completion_tokens"),
                rs.getDouble("cost"), rs.getLong("elapsed_ms"));
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
