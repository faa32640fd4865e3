package io.autoanalyst.agent;

import io.autoanalyst.web.LogContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a plan's agents. A step starts as soon as the steps whose variables it uses have finished,
 * so independent steps run at the same time (the original ran every step one after another); each
 * result is handed to {@code onResult} the moment it is ready. A step whose dependency failed is
 * not run, and says why.
 */
@Component
public class PlanExecutor {

    private static final Logger log = LoggerFactory.getLogger(PlanExecutor.class);

    private final AgentRunner runner;

    public PlanExecutor(AgentRunner runner) {
        this.runner = runner;
    }

    /** @return the results in plan order */
    public List<AgentResult> execute(Plan plan, Map<String, AgentDefinition> agents, TurnContext turn,
                                     Consumer<AgentResult> onResult) {
        List<PlanStep> steps = plan.steps();
        List<List<Integer>> dependencies = plan.dependencies();
        List<CompletableFuture<AgentResult>> futures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            // an agent's log lines name the request, user and session like the request thread's
            Executor withLogContext = LogContext.propagating(threads);
            for (int i = 0; i < steps.size(); i++) {
                PlanStep step = steps.get(i);
                List<CompletableFuture<AgentResult>> before = dependencies.get(i).stream().map(futures::get).toList();
                futures.add(CompletableFuture.allOf(before.toArray(CompletableFuture[]::new)).thenApplyAsync(ignored -> {
                    AgentResult result = runStep(step, before, agents, turn);
                    onResult.accept(result);
                    return result;
                }, withLogContext));
            }
            return futures.stream().map(CompletableFuture::join).toList();
        }
    }

    private AgentResult runStep(PlanStep step, List<CompletableFuture<AgentResult>> before,
                                Map<String, AgentDefinition> agents, TurnContext turn) {
        for (CompletableFuture<AgentResult> dependency : before) {
            AgentResult earlier = dependency.join();
            if (earlier.failed()) {
                return AgentResult.failure(step.agent(), "Skipped: it needs what " + earlier.agent() + " creates, and that step failed");
            }
        }
        AgentDefinition agent = agents.get(step.agent());
        if (agent == null) {
            return AgentResult.failure(step.agent(), "Agent '" + step.agent() + "' is not available. Available agents: "
                    + String.join(", ", agents.keySet().stream().sorted().toList()));
        }
        try {
            return runner.run(agent, step, turn);
        } catch (RuntimeException unexpected) {
            log.error("Agent {} failed unexpectedly", step.agent(), unexpected);
            return AgentResult.failure(step.agent(), "The agent failed unexpectedly; the error was logged on the server");
        }
    }
}
