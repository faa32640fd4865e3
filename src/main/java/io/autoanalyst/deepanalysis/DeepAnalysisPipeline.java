package io.autoanalyst.deepanalysis;

import io.autoanalyst.agent.AgentDefinition;
import io.autoanalyst.agent.AgentResult;
import io.autoanalyst.agent.AgentRunner;
import io.autoanalyst.agent.CodeFixer;
import io.autoanalyst.agent.PlanStep;
import io.autoanalyst.agent.TurnContext;
import io.autoanalyst.code.CodeService;
import io.autoanalyst.llm.ConversationGoal;
import io.autoanalyst.llm.LenientJson;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.LlmException;
import io.autoanalyst.llm.SignatureOutput;
import io.autoanalyst.runtime.KernelCapacityExceeded;
import io.autoanalyst.runtime.KernelOutput;
import io.autoanalyst.runtime.KernelUnavailable;
import io.autoanalyst.runtime.MimeBundle;
import io.autoanalyst.script.ScriptResult;
import io.autoanalyst.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The steps of one deep analysis: questions, plan, the agents' code (all at once), one script run in the session's
 * kernel with the fix loop, a synthesis per question (all at once), the conclusion. Each step reports a line with
 * its progress; a failing agent or code block becomes a note in the report, not the end of the run.
 */
final class DeepAnalysisPipeline {

    /** The run was stopped (cancelled or out of time) before {@code step} could finish. */
    static final class Stopped extends RuntimeException {
        final String step;

        Stopped(String step) {
            super("stopped at step " + step);
            this.step = step;
        }
    }

    private final LlmClient llm;
    private final CodeService code;
    private final DeepAnalysisSettings settings;
    private final boolean modelRepairsCode;
    private final JsonMapper json;
    private final LenientJson lenient;

    DeepAnalysisPipeline(LlmClient llm, CodeService code, DeepAnalysisSettings settings, boolean modelRepairsCode, JsonMapper json,
                         LenientJson lenient) {
        this.json = json;
        this.lenient = lenient;
        this.llm = llm;
        this.code = code;
        this.settings = settings;
        this.modelRepairsCode = modelRepairsCode;
    }

    /** What the run has produced so far; kept up to date so a stopped run still stores its partial report. */
    static final class Progress {
        volatile DeepAnalysisResult result;
        final List<String> stepsCompleted = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile String currentStep = "initialization";
    }

    DeepAnalysisResult run(String goal, SessionContext session, TurnContext turn, Map<String, AgentDefinition> agents,
                           DeepAnalysisRun run, Progress state, Consumer<DeepLine> out) {
        state.result = DeepAnalysisResult.empty(goal);
        List<String> notes = new ArrayList<>();

        step(run, state, "questions");
        out.accept(DeepLine.of("questions", "processing", "Formulating research questions from the dataset...", 10));
        SignatureOutput q = llm.complete(DeepSignatures.QUESTIONS, Map.of("goal", goal, "dataset_info", turn.dataset()),
                turn.call().withAgentName("deep_questions"), turn.options());
        List<String> questions = q.list("deep_questions").stream().map(DeepAnalysisPipeline::cleanQuestion)
                .filter(s -> !s.isBlank()).limit(settings.maxQuestions()).toList();
        if (questions.isEmpty()) throw new IllegalStateException("the model gave no research questions");
        String questionsText = numbered(questions);
        state.result = new DeepAnalysisResult(goal, questionsText, questions, "", List.of(), "", List.of(), List.of(), "", List.of(), notes);
        state.stepsCompleted.add("questions");
        out.accept(DeepLine.of("questions", "completed", "Research questions ready", 20).withContent(questionsText));

        step(run, state, "planning");
        out.accept(DeepLine.of("planning", "processing", "Planning which agents answer which questions...", 25));
        DeepPlan plan = plan(questionsText, turn, agents, questions.size(), notes);
        String planText = plan.toJson(json);
        state.result = new DeepAnalysisResult(goal, questionsText, questions, planText, List.of(), "", List.of(), List.of(), "", List.of(), notes);
        state.stepsCompleted.add("planning");
        out.accept(DeepLine.of("planning", "completed", "Plan ready: " + plan.steps().size() + " agent calls", 40).withContent(planText));

        step(run, state, "agent_execution");
        out.accept(DeepLine.of("agent_execution", "processing", "Running " + plan.steps().size() + " analysis agents at the same time...", 45));
        List<AgentResult> results = runAgents(goal, questions, plan, turn, agents, out);
        for (AgentResult r : results) {
            if (r.failed()) notes.add("The " + r.agent() + " agent failed, so part of the analysis is missing: " + r.error());
        }
        List<String> summaries = results.stream().map(r -> r.failed() ? "" : r.summary()).toList();
        stopIfCancelled(run, "agent_execution");
        state.stepsCompleted.add("agent_execution");
        out.accept(DeepLine.of("agent_execution", "completed", "All analysis agents finished", 60));

        step(run, state, "code_synthesis");
        out.accept(DeepLine.of("code_synthesis", "processing", "Combining the agents' code into one script...", 65));
        String script = combine(results);
        state.result = new DeepAnalysisResult(goal, questionsText, questions, planText, summaries, script, List.of(), List.of(), "", List.of(), notes);
        state.stepsCompleted.add("code_synthesis");
        out.accept(DeepLine.of("code_synthesis", "completed", "One script with " + results.stream().filter(AgentResult::hasCode).count()
                + " parts", 80));

        step(run, state, "code_execution");
        out.accept(DeepLine.of("code_execution", "processing", "Running the analysis in the session's kernel...", 82));
        ScriptResult execution = null;
        long kernelStart = System.nanoTime();
        if (!script.isBlank()) {
            try {
                execution = code.execute(session, script, null);
                int attempt = 0;
                while (!execution.successful() && modelRepairsCode && attempt < settings.maxFixAttempts()) {
                    step(run, state, "code_execution");
                    attempt++;
                    out.accept(DeepLine.of("code_execution", "processing", "The code failed; asking the model for a fix (attempt "
                            + attempt + " of " + settings.maxFixAttempts() + ")", 83));
                    try {
                        script = new CodeFixer(llm).fix(script, errorText(execution), turn);
                    } catch (LlmException e) {
                        notes.add("The code could not be repaired: " + e.getMessage());
                        break;
                    }
                    execution = code.execute(session, script, null);
                }
                execution.errorMessages().forEach((block, error) -> notes.add("Part " + block + " of the code failed: " + firstLine(error)));
            } catch (KernelCapacityExceeded | KernelUnavailable e) {
                notes.add("The code could not run: " + e.getMessage());
            }
        }
        List<List<String>> figures = figuresPerQuestion(execution, plan, questions.size());
        List<String> printed = printedPerQuestion(execution, plan, questions.size());
        state.result = new DeepAnalysisResult(goal, questionsText, questions, planText, summaries, script, figures, List.of(), "", printed, notes);
        stopIfCancelled(run, "code_execution");
        state.stepsCompleted.add("code_execution");
        out.accept(DeepLine.of("code_execution", "completed", execution == null ? "No code to run"
                : execution.successful() ? "The analysis ran; " + figures.stream().mapToInt(List::size).sum() + " charts"
                : "The analysis ran with errors in some parts", 85).withElapsed((System.nanoTime() - kernelStart) / 1_000_000));

        step(run, state, "synthesis");
        out.accept(DeepLine.of("synthesis", "processing", "Writing one section per question...", 87));
        List<String> synthesis = synthesise(questions, plan, results, printed, turn, notes);
        state.result = new DeepAnalysisResult(goal, questionsText, questions, planText, summaries, script, figures, synthesis, "", printed, notes);
        stopIfCancelled(run, "synthesis");
        state.stepsCompleted.add("synthesis");
        out.accept(DeepLine.of("synthesis", "completed", "Sections written", 90));

        step(run, state, "conclusion");
        out.accept(DeepLine.of("conclusion", "processing", "Drawing the conclusion...", 92));
        String conclusion;
        try {
            conclusion = llm.complete(DeepSignatures.CONCLUSION, Map.of("query", goal, "synthesized_sections", String.join("\n\n", synthesis)),
                    turn.call().withAgentName("final_conclusion"), turn.options()).text("final_conclusion");
        } catch (LlmException e) {
            if (run.cancellation().isCancelled()) throw new Stopped("conclusion");
            notes.add("The conclusion could not be written: " + e.getMessage());
            conclusion = "";
        }
        state.result = new DeepAnalysisResult(goal, questionsText, questions, planText, summaries, script, figures, synthesis, conclusion, printed, notes);
        state.stepsCompleted.add("conclusion");
        return state.result;
    }

    /** A step whose model calls were cut short by a stop did not finish: say so rather than report its gaps. */
    private static void stopIfCancelled(DeepAnalysisRun run, String name) {
        if (run.cancellation().isCancelled()) throw new Stopped(name);
    }

    private void step(DeepAnalysisRun run, Progress state, String name) {
        if (run.cancellation().isCancelled()) throw new Stopped(name);
        state.currentStep = name;
    }

    /** Asks for a plan; one that does not parse is repaired, then rebuilt from scratch, a bounded number of times. */
    private DeepPlan plan(String questionsText, TurnContext turn, Map<String, AgentDefinition> agents, int questionCount, List<String> notes) {
        String agentDesc = agents.values().stream().map(a -> a.name() + ": " + a.description()).collect(Collectors.joining("\n"));
        String text = llm.complete(DeepSignatures.PLAN, Map.of("deep_questions", questionsText, "dataset", turn.dataset(), "agent_desc", agentDesc),
                turn.call().withAgentName("deep_planner"), turn.options()).text("plan_instructions");
        for (int attempt = 0; ; attempt++) {
            try {
                return DeepPlan.parse(text, agents.keySet(), questionCount, lenient);
            } catch (DeepPlan.Unreadable unreadable) {
                if (attempt >= settings.planAttempts()) {
                    // Last resort: every question to the agents in turn, so the run still answers them.
                    notes.add("The plan could not be read (" + unreadable.getMessage() + "); the questions were shared among the agents in turn.");
                    return fallbackPlan(agents, questionCount);
                }
                text = attempt % 2 == 0
                        ? llm.complete(DeepSignatures.PLAN_FIX, Map.of("plan_instructions", text, "problem", unreadable.getMessage(), "agent_desc", agentDesc),
                                turn.call().withAgentName("deep_plan_fixer"), turn.options()).text("fixed_plan")
                        : llm.complete(DeepSignatures.PLAN, Map.of("deep_questions", questionsText, "dataset", turn.dataset(), "agent_desc", agentDesc),
                                turn.call().withAgentName("deep_planner"), turn.options()).text("plan_instructions");
            }
        }
    }

    private static DeepPlan fallbackPlan(Map<String, AgentDefinition> agents, int questionCount) {
        List<String> names = List.copyOf(agents.keySet());
        List<DeepPlan.Step> steps = new ArrayList<>();
        for (int q = 1; q <= questionCount; q++) steps.add(new DeepPlan.Step(names.get((q - 1) % names.size()), List.of(q), ""));
        return new DeepPlan(steps);
    }

    /** Every step at once: the steps answer different questions, so none waits for another. */
    private List<AgentResult> runAgents(String goal, List<String> questions, DeepPlan plan, TurnContext turn,
                                        Map<String, AgentDefinition> agents, Consumer<DeepLine> out) {
        AgentRunner runner = new AgentRunner(llm, json);
        int n = plan.steps().size();
        AtomicInteger done = new AtomicInteger();
        List<CompletableFuture<AgentResult>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (DeepPlan.Step step : plan.steps()) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    String asked = step.questions().stream().map(i -> questions.get(i - 1)).collect(Collectors.joining("\n"));
                    // The question alone is the request (the offline analyst reads only it); the goal is context.
                    String stepGoal = ConversationGoal.compose(asked, List.of(new ConversationGoal.Turn(goal, "The overall goal of this analysis")));
                    TurnContext stepTurn = new TurnContext(stepGoal, turn.dataset(), turn.call(), turn.options());
                    AgentResult result;
                    try {
                        result = runner.run(agents.get(step.agent()), new PlanStep(step.agent(), List.of(), List.of(), step.instruction()), stepTurn);
                    } catch (RuntimeException e) {
                        result = AgentResult.failure(step.agent(), "the agent failed unexpectedly");
                    }
                    int i = done.incrementAndGet();
                    out.accept(DeepLine.of("agent_execution", "processing", "Completed " + i + "/" + n + " analysis agents...", 45 + 15 * i / n));
                    return result;
                }, threads));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }

    /** The agents' code in plan order, each part marked with its step so outputs map back to questions. */
    static String combine(List<AgentResult> results) {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < results.size(); i++) {
            AgentResult r = results.get(i);
            if (r.failed() || !r.hasCode()) continue;
            String label = label(i, r.agent());
            script.append("# ").append(label).append(" code start\n").append(r.code().strip()).append('\n')
                    .append("# ").append(label).append(" code end\n\n");
        }
        return script.toString();
    }

    static String label(int stepIndex, String agent) {
        return "step" + (stepIndex + 1) + "_" + agent;
    }

    private static int stepOf(String label) {
        if (label == null || !label.startsWith("step")) return -1;
        int underscore = label.indexOf('_');
        try {
            return Integer.parseInt(label.substring(4, underscore)) - 1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private List<List<String>> figuresPerQuestion(ScriptResult execution, DeepPlan plan, int questionCount) {
        List<List<String>> figures = new ArrayList<>();
        for (int i = 0; i < questionCount; i++) figures.add(new ArrayList<>());
        if (execution == null) return figures;
        for (ScriptResult.BlockRun block : execution.blocks()) {
            int step = stepOf(block.block().agent());
            if (step < 0 || step >= plan.steps().size()) continue;
            int question = plan.steps().get(step).questions().isEmpty() ? 0 : plan.steps().get(step).questions().getFirst() - 1;
            for (KernelOutput output : block.result().outputs()) {
                MimeBundle data = switch (output) {
                    case KernelOutput.DisplayData d -> d.data();
                    case KernelOutput.ExecuteResult r -> r.data();
                    default -> null;
                };
                if (data != null && data.has(MimeBundle.PLOTLY)) {
                    data.json(MimeBundle.PLOTLY).ifPresent(f -> figures.get(question).add(f.toString()));
                }
            }
        }
        return figures;
    }

    private static List<String> printedPerQuestion(ScriptResult execution, DeepPlan plan, int questionCount) {
        List<StringBuilder> printed = new ArrayList<>();
        for (int i = 0; i < questionCount; i++) printed.add(new StringBuilder());
        if (execution == null) return printed.stream().map(StringBuilder::toString).toList();
        for (ScriptResult.BlockRun block : execution.blocks()) {
            int step = stepOf(block.block().agent());
            if (step < 0 || step >= plan.steps().size()) continue;
            for (int q : plan.steps().get(step).questions()) {
                printed.get(q - 1).append(block.result().stdout());
                block.result().error().ifPresent(e -> printed.get(q - 1).append("\nError: ").append(e.ename()).append(": ").append(e.evalue()));
            }
        }
        return printed.stream().map(StringBuilder::toString).toList();
    }

    /** One section per question, all at once. */
    private List<String> synthesise(List<String> questions, DeepPlan plan, List<AgentResult> results, List<String> printed,
                                    TurnContext turn, List<String> notes) {
        List<CompletableFuture<String>> sections = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int q = 0; q < questions.size(); q++) {
                final int question = q;
                StringBuilder summaries = new StringBuilder();
                for (int s = 0; s < plan.steps().size(); s++) {
                    AgentResult r = results.get(s);
                    if (plan.steps().get(s).questions().contains(q + 1)) {
                        summaries.append(r.failed() ? "(the " + r.agent() + " agent failed: " + r.error() + ")" : r.summary()).append('\n');
                    }
                }
                sections.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return llm.complete(DeepSignatures.SYNTHESIS, Map.of("question", questions.get(question), "summaries", summaries.toString(),
                                "print_outputs", truncate(printed.get(question), 6000)), turn.call().withAgentName("deep_synthesizer"), turn.options())
                                .text("synthesized_report");
                    } catch (LlmException e) {
                        synchronized (notes) {
                            notes.add("The section for question " + (question + 1) + " could not be written: " + e.getMessage());
                        }
                        return "";
                    }
                }, threads));
            }
            return sections.stream().map(CompletableFuture::join).toList();
        }
    }

    private static String errorText(ScriptResult execution) {
        List<String> parts = new ArrayList<>();
        execution.errorMessages().forEach((block, error) -> parts.add("In " + block + ":\n" + error));
        return parts.isEmpty() ? execution.output() : String.join("\n\n", parts);
    }

    static String numbered(List<String> questions) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < questions.size(); i++) text.append(i + 1).append(". ").append(questions.get(i)).append('\n');
        return text.toString().strip();
    }

    private static String cleanQuestion(String q) {
        return q.strip().replaceFirst("^(\\d+[.)]|[-*])\\s*", "").strip();
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
        return truncate(line, 300);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "\n...";
    }
}
