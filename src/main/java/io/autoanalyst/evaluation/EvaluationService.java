package io.autoanalyst.evaluation;

import io.autoanalyst.auth.User;
import io.autoanalyst.auth.UserRepository;
import io.autoanalyst.instance.InstanceRegistry;
import io.autoanalyst.llm.ModelCatalog;
import io.autoanalyst.llm.ModelRegistry;
import io.autoanalyst.llm.ModelSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs DABench against a model through the product's own chat path, stores every scored question as it
 * finishes (so an interrupted run resumes where it stopped), and writes the report when all are scored.
 * The same service backs the command line ({@code ./analyst eval dabench}) and the admin route.
 */
@Service
public class EvaluationService {

    public static final String DABENCH = "dabench";
    static final String USER_EMAIL = "evaluation@evaluation.invalid";

    private static final Logger log = LoggerFactory.getLogger(EvaluationService.class);

    private final EvaluationRepository runs;
    private final QuestionRunner runner;
    private final ReportWriter reports;
    private final ModelRegistry registry;
    private final ModelCatalog catalog;
    private final UserRepository users;
    private final EvaluationSettings settings;
    private final JsonMapper json;
    private final InstanceRegistry instances;
    private final Clock clock;
    /**
     * Runs a worker of this process is on, with where their progress goes. A stored "running" run not here is
     * another instance's while that instance is live (eval_runs.instance_id), and interrupted otherwise.
     */
    private final Map<Long, Consumer<ProgressLine>> active = new ConcurrentHashMap<>();
    /**
     * Set when the application shuts down (Ctrl+C on the command line, a server stop). A question asked
     * then may fail only because kernels and connections are going away, so nothing more is stored: the
     * run stays unfinished and resumes with the questions it had not scored.
     */
    private volatile boolean closing;

    public EvaluationService(EvaluationRepository runs, QuestionRunner runner, ReportWriter reports, ModelRegistry registry,
                             ModelCatalog catalog, UserRepository users, EvaluationSettings settings, JsonMapper json,
                             InstanceRegistry instances, Clock clock) {
        this.runs = runs;
        this.runner = runner;
        this.reports = reports;
        this.registry = registry;
        this.catalog = catalog;
        this.users = users;
        this.settings = settings;
        this.json = json;
        this.instances = instances;
        this.clock = clock;
    }

    /** A run that was started: its id, and its report once every question is scored. */
    public record Started(long runId, boolean resumed, CompletableFuture<EvaluationReport> report) {
    }

    /**
     * Checks the request (model, data, questions) and starts or resumes the run in the background.
     * Everything wrong with the request is thrown here, before any progress line.
     */
    public Started start(EvaluationRequest request, Consumer<ProgressLine> progress) {
        Plan plan = plan(request);
        if (active.putIfAbsent(plan.runId(), progress) != null) throw new EvaluationRunBusy(plan.runId());
        Map<String, String> context = MDC.getCopyOfContextMap();
        CompletableFuture<EvaluationReport> report = new CompletableFuture<>();
        Thread.ofVirtual().name("evaluation-" + plan.runId()).start(() -> {
            if (context != null) MDC.setContextMap(context);
            try {
                report.complete(execute(plan, progress));
            } catch (EvaluationStopped e) {
                report.completeExceptionally(e);
            } catch (RuntimeException e) {
                if (closing) {
                    // the database or the kernels went away under the stopping application: not the run's failure
                    log.info("Evaluation run {} stops with the application", plan.runId());
                    report.completeExceptionally(new EvaluationStopped());
                    return;
                }
                log.error("Evaluation run {} failed", plan.runId(), e);
                try {
                    runs.fail(plan.runId(), e.getMessage(), clock.instant());
                    progress.accept(ProgressLine.failed(plan.runId(), "The run failed: " + e.getMessage()));
                } catch (RuntimeException alsoFailed) {
                    log.warn("Could not record the failure of evaluation run {}", plan.runId(), alsoFailed);
                }
                report.completeExceptionally(e);
            } finally {
                active.remove(plan.runId());
                MDC.clear();
            }
        });
        return new Started(plan.runId(), plan.resumed(), report);
    }

    @EventListener(ContextClosedEvent.class)
    public void stopRuns() {
        closing = true;
        active.forEach((runId, progress) -> {
            try {
                progress.accept(ProgressLine.stopped(runId));
            } catch (RuntimeException e) {
                log.warn("Could not report that evaluation run {} stops", runId, e);
            }
        });
    }

    /** The stored report of a run, finished or not (an unfinished one covers the questions scored so far). */
    public EvaluationReport report(long runId) {
        EvaluationRun run = runs.find(runId).orElseThrow(() -> new EvaluationRunNotFound(runId));
        return report(run, runs.results(runId));
    }

    public List<EvaluationRun> list(int limit) {
        return runs.list(limit);
    }

    public int scored(long runId) {
        return runs.scoredQuestions(runId).size();
    }

    /**
     * {@code running} while a worker is on it, here or on another live instance; a stored running run whose
     * instance is gone (or that this instance no longer works on) was interrupted.
     */
    public String status(EvaluationRun run) {
        if (run.status() == RunStatus.RUNNING && !active.containsKey(run.runId()) && runningElsewhere(run).isEmpty()) {
            return "interrupted";
        }
        return run.status().id();
    }

    /** The other live instance working on the run, if one is. */
    private Optional<String> runningElsewhere(EvaluationRun run) {
        String owner = run.instanceId();
        if (run.status() != RunStatus.RUNNING || owner == null || owner.equals(instances.id())) return Optional.empty();
        return instances.isLive(owner) ? Optional.of(owner) : Optional.empty();
    }

    /** Marks the run as this instance's, or says which live instance has it. */
    private void claim(EvaluationRun run, int concurrency) {
        if (runs.claim(run.runId(), concurrency, instances.id(), clock.instant())) return;
        EvaluationRun now = runs.find(run.runId()).orElseThrow(() -> new EvaluationRunNotFound(run.runId()));
        throw runningElsewhere(now).map(owner -> new EvaluationRunBusy(run.runId(), owner))
                .orElseGet(() -> new EvaluationRunBusy(run.runId()));
    }

    private record Plan(EvaluationRun run, boolean resumed, DabenchSuite suite, List<BenchmarkQuestion> questions) {
        long runId() {
            return run.runId();
        }
    }

    private Plan plan(EvaluationRequest request) {
        if (request.resume() != null) return resumePlan(request);
        ModelSpec model = usableModel(request.model() == null ? catalog.defaultModel() : request.model());
        int concurrency = concurrency(request.concurrency());
        Path dataDir = (request.dataDir() == null ? settings.dabench() : request.dataDir()).toAbsolutePath().normalize();
        DabenchSuite suite = DabenchSuite.load(dataDir, json);
        List<BenchmarkQuestion> questions = suite.select(request.questions(), request.limit());
        List<Integer> ids = questions.stream().map(BenchmarkQuestion::id).toList();
        if (!request.fresh()) {
            var unfinished = runs.findUnfinished(DABENCH, model.id(), ids)
                    .filter(r -> !active.containsKey(r.runId()) && runningElsewhere(r).isEmpty());
            if (unfinished.isPresent()) {
                claim(unfinished.get(), concurrency);
                return new Plan(runs.find(unfinished.get().runId()).orElseThrow(), true, suite, questions);
            }
        }
        long runId = runs.insertRun(DABENCH, model.id(), dataDir.toString(), ids, concurrency, instances.id(), clock.instant());
        log.info("Evaluation run {}: DABench, model {}, {} questions, {} at a time", runId, model.id(), ids.size(), concurrency);
        return new Plan(runs.find(runId).orElseThrow(), false, suite, questions);
    }

    private Plan resumePlan(EvaluationRequest request) {
        EvaluationRun run = runs.find(request.resume()).orElseThrow(() -> new EvaluationRunNotFound(request.resume()));
        if (request.model() != null && registry.find(request.model()).map(m -> !m.id().equals(run.model())).orElse(true)) {
            throw new EvaluationRejected("model: run " + run.runId() + " evaluates " + run.model() + "; a resumed run keeps its model");
        }
        if (!request.questions().isEmpty() || request.limit() != null) {
            throw new EvaluationRejected("questions, limit: a resumed run keeps its questions");
        }
        usableModel(run.model());
        int concurrency = concurrency(request.concurrency() == null ? run.concurrency() : request.concurrency());
        Path dataDir = request.dataDir() == null ? Path.of(run.dataDir()) : request.dataDir().toAbsolutePath().normalize();
        DabenchSuite suite = DabenchSuite.load(dataDir, json);
        List<BenchmarkQuestion> questions = suite.select(run.questionIds(), null);
        if (!active.containsKey(run.runId())) claim(run, concurrency);
        return new Plan(runs.find(run.runId()).orElseThrow(), true, suite, questions);
    }

    private ModelSpec usableModel(String id) {
        ModelSpec model = registry.resolve(id);
        boolean configured = catalog.list().stream().anyMatch(l -> l.id().equals(model.id()) && l.configured());
        if (!configured) {
            throw new EvaluationRejected("model: " + model.id() + " needs its provider's key (" + model.provider().id()
                    + "), which this server does not have; set it or choose another model (GET /api/models)");
        }
        return model;
    }

    private int concurrency(Integer requested) {
        int k = requested == null ? 1 : requested;
        if (k > settings.maxConcurrency()) {
            throw new EvaluationRejected("concurrency: at most " + settings.maxConcurrency()
                    + " questions at once (autoanalyst.evaluation.max-concurrency); each holds a kernel");
        }
        return k;
    }

    private EvaluationReport execute(Plan plan, Consumer<ProgressLine> progress) {
        EvaluationRun run = plan.run();
        long startedNanos = System.nanoTime();
        Set<Integer> scored = runs.scoredQuestions(run.runId());
        List<BenchmarkQuestion> pending = plan.questions().stream().filter(q -> !scored.contains(q.id())).toList();
        int total = plan.questions().size();
        progress.accept(ProgressLine.started(run.runId(), run.model(), total, total - pending.size(), plan.resumed()));
        List<QuestionResult> earlier = runs.results(run.runId());
        AtomicInteger done = new AtomicInteger(earlier.size());
        AtomicInteger correct = new AtomicInteger((int) earlier.stream().filter(r -> r.verdict() == Verdict.CORRECT).count());
        long userId = evaluationUser().userId();
        Map<String, String> context = MDC.getCopyOfContextMap();
        AtomicReference<RuntimeException> storeFailure = new AtomicReference<>();
        // close() waits for every submitted question
        try (ExecutorService workers = Executors.newFixedThreadPool(run.concurrency(),
                Thread.ofVirtual().name("evaluation-" + run.runId() + "-worker-", 0).factory())) {
            for (BenchmarkQuestion q : pending) {
                workers.submit(() -> {
                    if (storeFailure.get() != null || closing) return;
                    if (context != null) MDC.setContextMap(context);
                    try {
                        QuestionResult result = runner.run(run.runId(), run.model(), userId, plan.suite(), q);
                        if (closing) return;
                        long wall = run.wallMs() + (System.nanoTime() - startedNanos) / 1_000_000;
                        if (runs.saveResult(result, wall, clock.instant())) {
                            int n = done.incrementAndGet();
                            int c = result.verdict() == Verdict.CORRECT ? correct.incrementAndGet() : correct.get();
                            progress.accept(ProgressLine.question(run.runId(), n, total, result, (double) c / n));
                        }
                    } catch (RuntimeException e) {
                        // a result that cannot be stored would be lost: stop asking, the run resumes later
                        storeFailure.compareAndSet(null, e);
                    } finally {
                        MDC.clear();
                    }
                });
            }
        }
        if (closing) throw new EvaluationStopped();
        if (storeFailure.get() != null) throw storeFailure.get();
        long wallMs = run.wallMs() + (System.nanoTime() - startedNanos) / 1_000_000;
        EvaluationReport all = report(run, runs.results(run.runId()));
        Path dir = reports.folderOf(run.runId());
        runs.finish(run.runId(), all.scores().overall(), all.promptTokens(), all.completionTokens(), all.cost(), wallMs,
                dir.toString(), clock.instant());
        EvaluationReport finished = report(runs.find(run.runId()).orElseThrow(), all.results());
        reports.write(finished);
        log.info("Evaluation run {} finished: {} of {} questions right; report in {}", run.runId(),
                finished.scores().overall().correctQuestions(), total, dir);
        progress.accept(ProgressLine.finished(run.runId(), run.model(), finished.scores().overall(), wallMs,
                "/api/evaluations/" + run.runId()));
        return finished;
    }

    private EvaluationReport report(EvaluationRun run, List<QuestionResult> results) {
        Map<Integer, Integer> position = new HashMap<>();
        for (int i = 0; i < run.questionIds().size(); i++) position.putIfAbsent(run.questionIds().get(i), i);
        List<QuestionResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(r -> position.getOrDefault(r.questionId(), Integer.MAX_VALUE)));
        long prompt = 0;
        long completion = 0;
        double cost = 0;
        for (QuestionResult r : ordered) {
            prompt += r.promptTokens();
            completion += r.completionTokens();
            cost += r.cost();
        }
        return new EvaluationReport(run, status(run), ScoreTable.of(ordered), prompt, completion, cost, run.wallMs(), ordered);
    }

    /**
     * The owner of the evaluation sessions: one signed-in user with no password (nobody can sign in as it),
     * so the sessions are never a guest's (removed by the janitor) and never anyone else's. Should someone have
     * registered its address, that account is never used: runs get a user of their own instead.
     */
    private User evaluationUser() {
        Optional<User> existing = users.findByEmail(USER_EMAIL);
        if (existing.isPresent() && !existing.get().guest() && users.passwordHash(existing.get().userId()).isEmpty()) {
            return existing.get();
        }
        String email = existing.isPresent() ? "evaluation-" + UUID.randomUUID() + "@evaluation.invalid" : USER_EMAIL;
        try {
            return users.insert("evaluation", email, null, false, clock.instant());
        } catch (DuplicateKeyException raced) {
            return users.findByEmail(email).orElseThrow(() -> raced);
        }
    }
}
