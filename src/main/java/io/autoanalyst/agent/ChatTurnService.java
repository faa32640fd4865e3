package io.autoanalyst.agent;

import io.autoanalyst.llm.LlmException;
import io.autoanalyst.llm.ModelCatalog;
import io.autoanalyst.runtime.KernelCapacityExceeded;
import io.autoanalyst.runtime.KernelUnavailable;
import io.autoanalyst.runtime.QueueListener;
import io.autoanalyst.script.ScriptResult;
import io.autoanalyst.session.SessionContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One chat turn: plan, run the agents (independent ones at the same time), run their combined code
 * in the session's kernel, repair it with the model when it fails (a bounded number of times), and
 * report every step as it happens. Every turn ends with a {@link TurnLine.TurnComplete} line, also when
 * something fails, so a client never has to guess whether the stream was cut.
 */
@Service
public class ChatTurnService {

    private static final Logger log = LoggerFactory.getLogger(ChatTurnService.class);

    private final Planner planner;
    private final PlanExecutor executor;
    private final TurnCodeRunner code;
    private final CodeFixer fixer;
    private final ModelCatalog models;
    private final int maxFixAttempts;

    public ChatTurnService(Planner planner, PlanExecutor executor, TurnCodeRunner code, CodeFixer fixer, ModelCatalog models,
                           AgentSettings settings) {
        this.planner = planner;
        this.executor = executor;
        this.code = code;
        this.fixer = fixer;
        this.models = models;
        this.maxFixAttempts = settings.maxFixAttempts();
    }

    /** What a finished turn produced, for storing it as a chat message. */
    public record TurnOutcome(String markdown, String agents, String code, ScriptResult execution, String model) {
    }

    /** Planner mode: the planner picks the agents. */
    public TurnOutcome plannedTurn(SessionContext session, TurnContext turn, Map<String, AgentDefinition> agents, Consumer<TurnLine> out) {
        long start = System.nanoTime();
        Plan plan;
        try {
            plan = planner.plan(turn, agents);
        } catch (LlmException e) {
            out.accept(TurnLine.AgentAnswer.planFailed(e.getMessage()));
            out.accept(TurnLine.TurnComplete.after(elapsedMs(start), true));
            return new TurnOutcome("**Error**: " + e.getMessage(), AgentCatalog.PLANNER_NAME, "", null, turn.options().model());
        }
        out.accept(TurnLine.AgentAnswer.plan(planMarkdown(plan)));
        return runAgents(session, plan, agents, turn, out, start, true);
    }

    /**
     * Direct mode: the named agents answer the question as it is, without a plan, at the same time.
     * As in the original, their code is returned, not run: the client runs it with /code/execute.
     */
    public TurnOutcome directTurn(SessionContext session, TurnContext turn, List<String> agentNames,
                                  Map<String, AgentDefinition> agents) {
        List<PlanStep> steps = agentNames.stream().map(n -> new PlanStep(n, List.of(), List.of(), "")).toList();
        return runAgents(session, new Plan("direct", steps), agents, turn, line -> { }, System.nanoTime(), false);
    }

    private TurnOutcome runAgents(SessionContext session, Plan plan, Map<String, AgentDefinition> agents, TurnContext turn,
                                  Consumer<TurnLine> out, long start, boolean runCode) {
        List<AgentResult> results = executor.execute(plan, agents, turn, result -> out.accept(TurnLine.AgentAnswer.of(result)));
        String script = CombinedScript.of(results);
        ScriptResult execution = null;
        boolean kernelShort = false;
        if (runCode && !script.isBlank() && !turn.options().cancellation().isCancelled()) {
            QueueListener queue = (position, queued) -> out.accept(new TurnLine.QueueWaiting(position, queued));
            try {
                execution = code.run(session, script, queue);
                int attempt = 0;
                boolean canFix = models.resolve(turn.options().model()).capabilities().repairsCode();
                while (!execution.successful() && canFix && attempt < maxFixAttempts) {
                    attempt++;
                    out.accept(TurnLine.CodeFix.retrying(attempt, maxFixAttempts, execution.failedAgents()));
                    try {
                        script = fixer.fix(script, errorText(execution), turn);
                    } catch (LlmException e) {
                        out.accept(TurnLine.CodeFix.modelFailed(attempt, e.getMessage()));
                        break;
                    }
                    execution = code.run(session, script, queue);
                    out.accept(TurnLine.CodeFix.ran(attempt, script, execution));
                }
                out.accept(TurnLine.CodeExecution.of(execution));
            } catch (KernelCapacityExceeded | KernelUnavailable e) {
                kernelShort = true;
                out.accept(TurnLine.CodeExecution.couldNotRun(e.getMessage()));
            }
        }
        boolean anyFailed = kernelShort || results.stream().anyMatch(AgentResult::failed)
                || (execution != null && !execution.successful());
        out.accept(TurnLine.TurnComplete.after(elapsedMs(start), anyFailed));
        log.info("Chat turn: {} agents, code {}", results.size(),
                execution == null ? "none" : execution.successful() ? "ran" : "failed");
        return outcome(results, script, execution, turn);
    }

    private static TurnOutcome outcome(List<AgentResult> results, String script, ScriptResult execution, TurnContext turn) {
        String markdown = results.stream().map(AgentMarkdown::of).collect(Collectors.joining("\n"));
        String agentNames = results.stream().map(AgentResult::agent).collect(Collectors.joining(","));
        String model = results.stream().map(AgentResult::model).filter(m -> m != null).findFirst().orElse(turn.options().model());
        return new TurnOutcome(markdown, agentNames, script, execution, model);
    }

    static String errorText(ScriptResult execution) {
        List<String> parts = new ArrayList<>();
        execution.errorMessages().forEach((block, error) -> parts.add("In " + block + ":\n" + error));
        return parts.isEmpty() ? execution.output() : String.join("\n\n", parts);
    }

    static String planMarkdown(Plan plan) {
        StringBuilder md = new StringBuilder("## ").append(AgentCatalog.PLANNER_NAME).append("\n\n")
                .append("**Complexity:** ").append(plan.complexity()).append("\n\n")
                .append("**Plan:** ").append(String.join(" → ", plan.agentNames())).append("\n");
        for (PlanStep step : plan.steps()) {
            md.append("\n### ").append(AgentDefinition.titleOf(step.agent())).append('\n');
            if (!step.instruction().isBlank()) md.append(step.instruction()).append('\n');
            if (!step.create().isEmpty()) md.append("- creates: ").append(String.join(", ", step.create())).append('\n');
            if (!step.use().isEmpty()) md.append("- uses: ").append(String.join(", ", step.use())).append('\n');
        }
        return md.toString();
    }

    private static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
