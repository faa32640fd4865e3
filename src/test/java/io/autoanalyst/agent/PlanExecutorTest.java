package io.autoanalyst.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.LlmTimeout;
import io.autoanalyst.llm.SignatureOutput;
import io.autoanalyst.llm.TokenCounts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class PlanExecutorTest {

    /** What the model saw happen, in order: "start a_agent", "end a_agent", ... */
    private final List<String> events = new CopyOnWriteArrayList<>();
    /** Calls of agents named *_together wait here for each other: only concurrent calls get past it. */
    private final CyclicBarrier together = new CyclicBarrier(2);

    /** A model that answers with code naming the agent, recording when each call starts and ends. */
    private final LlmClient model = (signature, inputs, context, options) -> {
        events.add("start " + signature.name());
        if (signature.name().contains("together")) {
            try {
                together.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new LlmTimeout("the other step never ran at the same time");
            }
        }
        if (signature.name().contains("broken")) {
            throw new LlmTimeout("The model did not answer within 1s");
        }
        events.add("end " + signature.name());
        return new SignatureOutput(signature.name(), Map.of("code", "print('" + signature.name() + "')", "summary", "- done"),
                "fake", TokenCounts.NONE);
    };

    private final PlanExecutor executor = new PlanExecutor(new AgentRunner(model, JsonMapper.shared()));
    private final TurnContext turn = new TurnContext("goal", "{}", CallContext.system(), CallOptions.defaults());

    @Test
    void independentStepsRunAtTheSameTime() {
        Plan plan = new Plan("intermediate", List.of(
                new PlanStep("a_together", List.of("x"), List.of("df"), "one"),
                new PlanStep("b_together", List.of("y"), List.of("df"), "two")));

        List<AgentResult> results = executor.execute(plan, agents("a_together", "b_together"), turn, r -> { });

        assertThat(results).extracting(AgentResult::agent).containsExactly("a_together", "b_together");
        // each call waited at the barrier for the other: one after the other, the first would have failed
        assertThat(results).extracting(AgentResult::error).containsOnlyNulls();
    }

    @Test
    void aStepWaitsForTheStepWhoseVariableItUses() {
        Plan plan = new Plan("advanced", List.of(
                new PlanStep("clean_agent", List.of("df_clean: DataFrame"), List.of("df"), ""),
                new PlanStep("plot_agent", List.of("fig"), List.of("df_clean"), "")));
        List<String> order = new CopyOnWriteArrayList<>();
        executor.execute(plan, agents("clean_agent", "plot_agent"), turn, r -> order.add(r.agent()));
        assertThat(order).containsExactly("clean_agent", "plot_agent");
        assertThat(events).containsExactly("start clean_agent", "end clean_agent", "start plot_agent", "end plot_agent");
    }

    @Test
    void aFailedStepIsReportedAndItsDependentsAreSkipped() {
        Plan plan = new Plan("advanced", List.of(
                new PlanStep("broken_agent", List.of("x"), List.of("df"), ""),
                new PlanStep("after_agent", List.of(), List.of("x"), ""),
                new PlanStep("missing_agent", List.of(), List.of(), "")));
        List<AgentResult> results = executor.execute(plan, agents("broken_agent", "after_agent"), turn, r -> { });
        assertThat(results.get(0).error()).contains("did not answer");
        assertThat(results.get(1).error()).startsWith("Skipped").contains("broken_agent");
        assertThat(results.get(2).error()).contains("not available").contains("after_agent");
    }

    private static Map<String, AgentDefinition> agents(String... names) {
        return java.util.Arrays.stream(names).collect(Collectors.toMap(n -> n,
                n -> new AgentDefinition(n, n, "test agent", "do it", false, true)));
    }
}
