package io.autoanalyst.deepanalysis;

import io.autoanalyst.agent.AgentCatalog;
import io.autoanalyst.agent.AgentDefinition;
import io.autoanalyst.agent.TurnContext;
import io.autoanalyst.agent.TurnDatasets;
import io.autoanalyst.code.CodeService;
import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import io.autoanalyst.llm.LenientJson;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.LlmException;
import io.autoanalyst.llm.ModelCatalog;
import io.autoanalyst.llm.ModelRegistry;
import io.autoanalyst.llm.ModelSpec;
import io.autoanalyst.session.ModelSettings;
import io.autoanalyst.session.ModelSettingsService;
import io.autoanalyst.session.SessionContext;
import io.autoanalyst.web.BadRequest;
import io.autoanalyst.web.NotFound;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deep analyses: starts a run on the server's own executor (so it finishes and is stored whether or not the client
 * stays connected), lets clients follow it, cancels it, and reads, lists and deletes the caller's reports.
 */
@Service
public class DeepAnalysisService {

    private static final Logger log = LoggerFactory.getLogger(DeepAnalysisService.class);
    static final Set<String> STATUSES = Set.of("pending", "running", "completed", "failed", "cancelled");
    private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    private final DeepAnalysisRepository reports;
    private final JsonMapper json;
    private final LenientJson lenient;
    private final TurnDatasets datasets;
    private final AgentCatalog catalog;
    private final ModelSettingsService modelSettings;
    private final ModelCatalog models;
    private final ModelRegistry registry;
    private final LlmClient llm;
    private final CodeService code;
    private final HtmlReport html;
    private final DeepAnalysisSettings settings;
    private final Clock clock;
    private final ExecutorService runs;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "deep-analysis-timer");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, DeepAnalysisRun> active = new ConcurrentHashMap<>();

    public DeepAnalysisService(DeepAnalysisRepository reports, TurnDatasets datasets, AgentCatalog catalog,
                               ModelSettingsService modelSettings, ModelCatalog models, ModelRegistry registry, LlmClient llm,
                               CodeService code, HtmlReport html, DeepAnalysisSettings settings, Clock clock, JsonMapper json,
                               LenientJson lenient) {
        this.json = json;
        this.lenient = lenient;
        this.reports = reports;
        this.datasets = datasets;
        this.catalog = catalog;
        this.modelSettings = modelSettings;
        this.models = models;
        this.registry = registry;
        this.llm = llm;
        this.code = code;
        this.html = html;
        this.settings = settings;
        this.clock = clock;
        // A fixed number of platform threads: a burst of runs queues instead of crowding the kernels and the model.
        this.runs = Executors.newFixedThreadPool(settings.concurrentRuns(), Thread.ofPlatform().name("deep-analysis-", 1).daemon(true).factory());
    }

    /**
     * Rows a stopped server left running can never finish: say so instead of showing them running forever. Only
     * rows older than any live run can be (the time limit plus a margin) are touched, so servers sharing one
     * database do not fail each other's runs; checked at start and then every minute.
     */
    @EventListener(ApplicationReadyEvent.class)
    void watchForAbandonedRuns() {
        timers.scheduleWithFixedDelay(this::failAbandonedRuns, 0, 1, TimeUnit.MINUTES);
    }

    private void failAbandonedRuns() {
        try {
            Instant now = clock.instant();
            int n = reports.failAbandoned(now.minus(settings.timeLimit()).minus(java.time.Duration.ofMinutes(2)), now);
            if (n > 0) log.warn("Marked {} deep-analysis reports left running by a stopped server as failed", n);
        } catch (RuntimeException e) {
            log.warn("Could not check for abandoned deep-analysis reports: {}", e.toString());
        }
    }

    @PreDestroy
    void stop() {
        active.values().forEach(r -> r.stop(DeepAnalysisRun.StopReason.CANCELLED));
        runs.shutdownNow();
        timers.shutdownNow();
    }

    /** Checks the request, creates the report row and starts the run; the first line carries the report's ids. */
    DeepAnalysisRun start(SessionContext session, String goal) {
        if (goal == null || goal.isBlank()) throw new BadRequest("goal: is required");
        if (goal.length() > 10_000) throw new BadRequest("goal: at most 10000 characters");
        String dataset = datasets.describe(session.sessionId()).orElseThrow(() -> new BadRequest(
                "No dataset is currently loaded. Please link a dataset before starting a deep analysis."));
        Map<String, AgentDefinition> agents = new LinkedHashMap<>(catalog.plannerAgents(session.userId()));
        agents.remove(AgentCatalog.QA_AGENT);
        agents.values().removeIf(a -> !a.answersWithCode());
        if (agents.isEmpty()) throw new BadRequest("No analysis agents are enabled for you; enable at least one planner agent in /templates.");
        ModelSettings model = modelSettings.current(session);
        ModelSpec spec = models.resolve(model.model());
        CallContext call = new CallContext(session.userId(), null, session.sessionId(), null, model.apiKey());
        String uuid = UUID.randomUUID().toString();
        Instant start = clock.instant();
        long id = reports.insert(uuid, session.userId(), session.sessionId(), goal.strip(), spec.provider().id(), spec.id(), start);
        DeepAnalysisRun run = new DeepAnalysisRun(id, uuid, session.userId());
        active.put(uuid, run);
        CallOptions options = CallOptions.model(model.model()).withGeneration(model.temperature(), model.maxTokens())
                .withCancellation(run.cancellation());
        TurnContext turn = new TurnContext(goal.strip(), dataset, call, options);
        run.emit(DeepLine.of("initialization", "starting", "Starting the deep analysis (report " + uuid + ")", 5));
        ScheduledFuture<?> limit = timers.schedule(() -> run.stop(DeepAnalysisRun.StopReason.TIME_LIMIT),
                settings.timeLimit().toMillis(), TimeUnit.MILLISECONDS);
        runs.execute(() -> {
            try {
                execute(run, session, goal.strip(), turn, agents, spec, start);
            } finally {
                limit.cancel(false);
                active.remove(uuid);
            }
        });
        return run;
    }

    private void execute(DeepAnalysisRun run, SessionContext session, String goal, TurnContext turn,
                         Map<String, AgentDefinition> agents, ModelSpec spec, Instant start) {
        UsageTally tally = new UsageTally(llm, registry);
        DeepAnalysisPipeline pipeline = new DeepAnalysisPipeline(tally, code, settings, spec.capabilities().repairsCode(), json, lenient);
        DeepAnalysisPipeline.Progress state = new DeepAnalysisPipeline.Progress();
        String status;
        String error = null;
        DeepAnalysisResult result;
        try {
            result = pipeline.run(goal, session, turn, agents, run, state, line -> {
                DeepLine sent = run.emit(line);
                if (line.status().equals("completed")) {
                    reports.progress(run.reportId(), sent.progress(), List.copyOf(state.stepsCompleted), clock.instant());
                }
            });
            if (run.cancellation().isCancelled()) throw new DeepAnalysisPipeline.Stopped(state.currentStep);
            status = "completed";
        } catch (DeepAnalysisPipeline.Stopped | LlmException stopped) {
            result = state.result;
            String step = stopped instanceof DeepAnalysisPipeline.Stopped s ? s.step : state.currentStep;
            if (run.stopReason() == DeepAnalysisRun.StopReason.CANCELLED) {
                status = "cancelled";
                error = "Cancelled by the user at step " + step;
            } else if (run.stopReason() == DeepAnalysisRun.StopReason.TIME_LIMIT) {
                status = "failed";
                error = "Stopped at step " + step + ": the time limit of " + settings.timeLimit().toSeconds() + " s was reached";
            } else {
                status = "failed";
                error = "Deep analysis failed at step " + step + ": " + stopped.getMessage();
            }
        } catch (RuntimeException e) {
            log.error("Deep analysis {} failed", run.reportUuid(), e);
            result = state.result;
            status = "failed";
            error = "Deep analysis failed at step " + state.currentStep + ": the error was logged on the server";
        }
        if (result == null) result = DeepAnalysisResult.empty(goal);
        Instant end = clock.instant();
        String page = null;
        try {
            if (status.equals("completed")) run.emit(DeepLine.of("report", "processing", "Writing the HTML report...", 96));
            page = html.render(result, new HtmlReport.Meta(tally.model() == null ? spec.id() : tally.model(), tally.tokens(), tally.cost(), end, status, error));
        } catch (RuntimeException e) {
            log.error("Deep analysis {}: the HTML report could not be written", run.reportUuid(), e);
        }
        List<String> steps = List.copyOf(state.stepsCompleted);
        if (status.equals("completed") && page != null) steps = append(steps, "report");
        reports.finish(run.reportId(), status, result, page, summaryOf(result.finalConclusion()), status.equals("completed") ? 100 : run.progress(),
                steps, error, tally.tokens(), tally.cost(), start, end);
        switch (status) {
            case "completed" -> {
                run.emit(DeepLine.of("analysis", "completed", "Analysis complete", 97).withContent(result));
                // The HTML (with plotly.js inlined, megabytes) is not repeated in the stream: download it from the report.
                run.emit(new DeepLine("completed", "success", "Deep analysis complete", null, 100, null, null, result, null, null, null));
            }
            case "cancelled" -> run.emit(new DeepLine("cancelled", "cancelled", error, null, run.progress(), null, null, null, null, null, null));
            default -> run.emit(new DeepLine("error", "failed", error, null, run.progress(), null, null, null, null, error, null));
        }
        log.info("Deep analysis {} ended {} after {} steps", run.reportUuid(), status, steps.size());
    }

    private static List<String> append(List<String> list, String item) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>(list);
        out.add(item);
        return out;
    }

    static String summaryOf(String conclusion) {
        if (conclusion == null || conclusion.isBlank()) return null;
        String text = conclusion.replaceFirst("^\\s*(#+\\s*)?\\*{0,2}Conclusion\\*{0,2}:?\\s*", "").strip();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    DeepReport create(DeepAnalysisController.ReportCreate body, long userId) {
        if (body == null || body.reportUuid() == null || body.reportUuid().isBlank()) throw new BadRequest("report_uuid: is required");
        if (body.goal() == null || body.goal().isBlank()) throw new BadRequest("goal: is required");
        if (body.reportUuid().length() > 100) throw new BadRequest("report_uuid: at most 100 characters");
        if (body.status() != null && !STATUSES.contains(body.status())) {
            throw new BadRequest("status: must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        Optional<DeepReport> mine = reports.findOwnedByUuid(body.reportUuid(), userId);
        if (mine.isPresent()) return mine.get();
        if (reports.uuidTaken(body.reportUuid())) throw new ReportUuidTaken(body.reportUuid());
        long id = reports.insertPosted(body, userId, clock.instant());
        return byId(id, userId);
    }

    /** Stops a running analysis of the caller's; it ends {@code cancelled}. A finished one is left as it is. */
    DeepReport cancel(String uuid, long userId) {
        DeepReport report = byUuid(uuid, userId);
        DeepAnalysisRun run = active.get(uuid);
        if (run != null && run.userId() == userId) run.stop(DeepAnalysisRun.StopReason.CANCELLED);
        return report;
    }

    Optional<DeepAnalysisRun> activeRun(String uuid, long userId) {
        DeepAnalysisRun run = active.get(uuid);
        return run != null && run.userId() == userId ? Optional.of(run) : Optional.empty();
    }

    DeepReport byId(long id, long userId) {
        return reports.findOwned(id, userId).orElseThrow(() -> new NotFound("Report " + id + " not found"));
    }

    DeepReport byUuid(String uuid, long userId) {
        return reports.findOwnedByUuid(uuid, userId).orElseThrow(() -> new NotFound("Report " + uuid + " not found"));
    }

    /** By numeric id or, as the original frontend sends, by uuid. */
    DeepReport byIdOrUuid(String idOrUuid, long userId) {
        if (idOrUuid.matches("\\d{1,18}")) {
            Optional<DeepReport> byId = reports.findOwned(Long.parseLong(idOrUuid), userId);
            if (byId.isPresent()) return byId.get();
        }
        return byUuid(idOrUuid, userId);
    }

    List<DeepReport> list(long userId, String status, int limit, int offset) {
        if (status != null && !STATUSES.contains(status)) throw new BadRequest("status: must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        if (limit < 1 || limit > 100) throw new BadRequest("limit: must be between 1 and 100");
        if (offset < 0) throw new BadRequest("offset: must not be negative");
        return reports.listOwned(userId, status, limit, offset);
    }

    DeepReport delete(String idOrUuid, long userId) {
        DeepReport report = byIdOrUuid(idOrUuid, userId);
        DeepAnalysisRun run = active.get(report.reportUuid());
        if (run != null) run.stop(DeepAnalysisRun.StopReason.CANCELLED);
        reports.delete(report.reportId());
        return report;
    }

    DeepReport updateStatus(long id, long userId, String status) {
        if (status == null || !STATUSES.contains(status)) {
            throw new BadRequest("status: must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        DeepReport report = byId(id, userId);
        reports.status(report.reportId(), status, TERMINAL.contains(status), clock.instant());
        return byId(id, userId);
    }

    /** The stored HTML, rendered from the stored fields (and stored) when the row has none. */
    String htmlOf(DeepReport report) {
        if (report.htmlReport() != null && !report.htmlReport().isBlank()) return report.htmlReport();
        String page = html.render(resultOf(report), new HtmlReport.Meta(report.modelName(), report.totalTokensUsed(), report.estimatedCost(),
                clock.instant(), report.status(), report.errorMessage()));
        reports.storeHtml(report.reportId(), page, clock.instant());
        return page;
    }

    /** Renders posted analysis data (the original's download_report); stores it into the caller's report when named. */
    String renderPosted(DeepAnalysisResult posted, String uuid, long userId) {
        String page = html.render(posted, new HtmlReport.Meta(null, 0, java.math.BigDecimal.ZERO, clock.instant(), "completed", null));
        if (uuid != null) reports.findOwnedByUuid(uuid, userId).ifPresent(r -> reports.storeHtml(r.reportId(), page, clock.instant()));
        return page;
    }

    static DeepAnalysisResult resultOf(DeepReport r) {
        List<String> questions = r.deepQuestions() == null ? List.of() : r.deepQuestions().lines()
                .map(l -> l.strip().replaceFirst("^\\d+[.)]\\s*", "")).filter(l -> !l.isBlank()).toList();
        return new DeepAnalysisResult(r.goal(), r.deepQuestions(), questions, r.deepPlan(), r.summaries(), r.analysisCode(),
                r.plotlyFigures(), r.synthesis(), r.finalConclusion(), List.of(), List.of());
    }
}
