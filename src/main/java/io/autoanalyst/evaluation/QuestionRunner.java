package io.autoanalyst.evaluation;

import io.autoanalyst.agent.AgentCatalog;
import io.autoanalyst.agent.ChatTurnService;
import io.autoanalyst.agent.TurnLine;
import io.autoanalyst.chat.ChatTurns;
import io.autoanalyst.dataset.DatasetService;
import io.autoanalyst.llm.LlmException;
import io.autoanalyst.llm.UsageRecord;
import io.autoanalyst.llm.UsageRepository;
import io.autoanalyst.runtime.KernelCapacityExceeded;
import io.autoanalyst.runtime.KernelUnavailable;
import io.autoanalyst.session.ModelSettingsService;
import io.autoanalyst.session.SessionContext;
import io.autoanalyst.session.SessionExpired;
import io.autoanalyst.session.SessionRepository;
import io.autoanalyst.web.ApiException;
import io.autoanalyst.web.RequestIdFilter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Asks one benchmark question the way a user would: a fresh session with the question's CSV uploaded through
 * the dataset service (as {@code /upload_dataframe} does), the question asked as a planned chat turn (as
 * {@code POST /chat} does, the code run in the session's sandboxed kernel), then the answers read from the
 * turn and scored. The session is removed afterwards, its kernel and files with it; its usage rows stay.
 */
@Component
class QuestionRunner {

    private static final Logger log = LoggerFactory.getLogger(QuestionRunner.class);

    private final SessionRepository sessions;
    private final ModelSettingsService models;
    private final DatasetService datasets;
    private final ChatTurns turns;
    private final ChatTurnService turnService;
    private final AgentCatalog catalog;
    private final UsageRepository usage;
    private final ApplicationEventPublisher events;
    private final EvaluationSettings settings;
    private final Clock clock;

    QuestionRunner(SessionRepository sessions, ModelSettingsService models, DatasetService datasets, ChatTurns turns,
                   ChatTurnService turnService, AgentCatalog catalog, UsageRepository usage, ApplicationEventPublisher events,
                   EvaluationSettings settings, Clock clock) {
        this.sessions = sessions;
        this.models = models;
        this.datasets = datasets;
        this.turns = turns;
        this.turnService = turnService;
        this.catalog = catalog;
        this.usage = usage;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** Never throws for a question that goes wrong: that question is scored {@link Verdict#FAILED} with the reason. */
    QuestionResult run(long runId, String model, long userId, DabenchSuite suite, BenchmarkQuestion q) {
        long started = System.nanoTime();
        String sessionId = "eval-" + runId + "-q" + q.id() + "-" + UUID.randomUUID().toString().substring(0, 8);
        MDC.put(RequestIdFilter.MDC_SESSION_ID, sessionId);
        try {
            sessions.insertIfAbsent(sessionId, userId, clock.instant());
            SessionContext session = sessions.findWithOwner(sessionId).orElseThrow();
            models.update(session, model, null, null, null);
            try (InputStream csv = Files.newInputStream(suite.table(q))) {
                datasets.upload(sessionId, new DatasetService.Upload(q.fileName(), csv), new DatasetService.UploadOptions(null, null, List.of(), null));
            }
            ChatTurns.Prepared prepared = turns.prepare(session, DabenchPrompt.of(q), null);
            List<String> errors = new ArrayList<>();
            ChatTurnService.TurnOutcome outcome = turnService.plannedTurn(session, prepared.turn(), catalog.plannerAgents(userId), line -> {
                if (line.failed() && !(line instanceof TurnLine.TurnComplete)) errors.add(line.agent() + ": " + gist(line.content()));
            });
            String output = outcome.execution() == null ? "" : outcome.execution().output();
            List<NamedAnswer> extracted = AnswerExtractor.fromTurn(output, outcome.markdown());
            QuestionScore score = AnswerScorer.score(q.expected(), extracted);
            return result(runId, q, sessionId, Verdict.of(score), score, extracted, outcome.code(), output, outcome.markdown(),
                    errors.isEmpty() ? null : String.join("\n", errors), started);
        } catch (NoSuchFileException e) {
            return failed(runId, q, sessionId, "The benchmark has no table " + q.fileName(), started);
        } catch (IOException e) {
            return failed(runId, q, sessionId, "Cannot read the table " + q.fileName() + ": " + e.getMessage(), started);
        } catch (ApiException | LlmException | KernelUnavailable | KernelCapacityExceeded e) {
            return failed(runId, q, sessionId, e.getMessage(), started);
        } catch (RuntimeException e) {
            // One broken question must not end a run of hundreds; the reason is in the report and the log.
            log.error("Evaluation question {} failed unexpectedly", q.id(), e);
            return failed(runId, q, sessionId, "Unexpected error: " + e, started);
        } finally {
            end(sessionId);
            MDC.remove(RequestIdFilter.MDC_SESSION_ID);
        }
    }

    private void end(String sessionId) {
        try {
            events.publishEvent(new SessionExpired(sessionId));
            sessions.delete(sessionId);
        } catch (RuntimeException e) {
            log.warn("Could not remove evaluation session {}", sessionId, e);
        }
    }

    private QuestionResult failed(long runId, BenchmarkQuestion q, String sessionId, String why, long started) {
        QuestionScore score = AnswerScorer.score(q.expected(), List.of());
        return result(runId, q, sessionId, Verdict.FAILED, score, List.of(), null, null, null, why, started);
    }

    private QuestionResult result(long runId, BenchmarkQuestion q, String sessionId, Verdict verdict, QuestionScore score,
                                  List<NamedAnswer> extracted, String code, String output, String summary, String error, long started) {
        long prompt = 0;
        long completion = 0;
        double cost = 0;
        for (UsageRecord u : usage.findBySession(sessionId)) {
            prompt += u.promptTokens();
            completion += u.completionTokens();
            cost += u.cost().doubleValue();
        }
        int cap = settings.storedTextCap();
        return new QuestionResult(runId, q.id(), q.level(), q.concepts(), q.question(), sessionId, verdict, score.correct(),
                score.total(), q.expected(), extracted, score.subAnswers(), clip(code, cap), clip(output, cap), clip(summary, cap),
                clip(error, cap), prompt, completion, cost, (System.nanoTime() - started) / 1_000_000);
    }

    /** The line that names the error, else the first line that says something (not a heading or an output banner). */
    static String gist(String content) {
        List<String> lines = content == null ? List.of() : content.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("===")).toList();
        String line = lines.stream().filter(l -> l.contains("Error")).findFirst().orElse(lines.isEmpty() ? "" : lines.getFirst());
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** Keeps the head and the tail of a long text: a traceback's last lines say the most. */
    static String clip(String text, int cap) {
        if (text == null || text.length() <= cap) return text;
        int head = cap * 2 / 3;
        int tail = cap - head;
        return text.substring(0, head) + "\n[... " + (text.length() - cap) + " characters left out ...]\n"
                + text.substring(text.length() - tail);
    }
}
