package io.autoanalyst.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.LlmTimeout;
import io.autoanalyst.llm.SignatureOutput;
import io.autoanalyst.llm.TokenCounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlanExecutorTest {

    private static final Duration MODEL_LATENCY = Duration.ofMillis(400);

    /** A model that takes a fixed time and answers with code naming the agent. */
    private final LlmClient slowModel = (signature, inputs, context, options) -> {
        sleep(MODEL_LATENCY);
        if (signature.name().contains("broken")) {
            throw new LlmTimeout("The model did not answer within 1s");
        }
        return new SignatureOutput(signature.name(), Map.of("code", "print('" + signature.name() + "')", "summary", "- done"),
                "fake", TokenCounts.NONE);
    };

    private final PlanExecutor executor = new PlanExecutor(new AgentRunner(slowModel));
    private final TurnContext turn = new TurnContext("goal", "{}", CallContext.system(), CallOptions.defaults());

    @Test
    void independentStepsRunAtTheSameTime() {
        Plan plan = new Plan("intermediate", List.of(
                new PlanStep("a_agent", List.of("x"), List.of("df"), "one"),
                new PlanStep("b_agent", List.of("y"), List.of("df"), "two")));
        long start = System.nanoTime();
        List<AgentResult> results = executor.execute(plan, agents("a_agent", "b_agent"), turn, r -> { });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(results).extracting(AgentResult::agent).containsExactly("a_agent", "b_agent");
        // two steps of 400 ms each: one after the other would take 800 ms
        assertThat(took).isLessThan(MODEL_LATENCY.multipliedBy(2).minusMillis(100));
    }

    @Test
    void aStepWaitsForTheStepWhoseVariableItUses() {
        Plan plan = new Plan("advanced", List.of(
                new PlanStep("clean_agent", List.of("df_clean: DataFrame"), List.of("df"), ""),
                new PlanStep("plot_agent", List.of("fig"), List.of("df_clean"), "")));
        List<String> order = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        executor.execute(plan, agents("clean_agent", "plot_agent"), turn, r -> order.add(r.agent()));
        assertThat(order).containsExactly("clean_agent", "plot_agent");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(MODEL_LATENCY.multipliedBy(2));
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

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
