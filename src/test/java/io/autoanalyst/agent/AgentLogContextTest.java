package io.autoanalyst.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.autoanalyst.llm.CallContext;
import io.autoanalyst.llm.CallOptions;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.SignatureOutput;
import io.autoanalyst.llm.TokenCounts;
import io.autoanalyst.web.RequestIdFilter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/** Agents run on threads of their own, and what they log still names the request, user and session. */
class AgentLogContextTest {

    private final Map<String, String> seen = new ConcurrentHashMap<>();

    private final LlmClient recordingModel = (signature, inputs, context, options) -> {
        seen.put(signature.name(), MDC.get(RequestIdFilter.MDC_REQUEST_ID) + " " + MDC.get(RequestIdFilter.MDC_USER_ID)
                + " " + MDC.get(RequestIdFilter.MDC_SESSION_ID) + " " + Thread.currentThread().isVirtual());
        return new SignatureOutput(signature.name(), Map.of("code", "x = 1", "summary", "- done"), "fake", TokenCounts.NONE);
    };

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void everyAgentThreadCarriesTheRequestsLogContext() {
        MDC.put(RequestIdFilter.MDC_REQUEST_ID, "req-42");
        MDC.put(RequestIdFilter.MDC_USER_ID, "7");
        MDC.put(RequestIdFilter.MDC_SESSION_ID, "auto_1764470000000_k3v9x2q7m");
        // the second step starts from the first step's thread, the third from the caller's
        Plan plan = new Plan("advanced", List.of(
                new PlanStep("clean_agent", List.of("df_clean: DataFrame"), List.of("df"), ""),
                new PlanStep("plot_agent", List.of("fig"), List.of("df_clean"), ""),
                new PlanStep("stats_agent", List.of("s"), List.of("df"), "")));
        Map<String, AgentDefinition> agents = Map.of(
                "clean_agent", agent("clean_agent"), "plot_agent", agent("plot_agent"), "stats_agent", agent("stats_agent"));

        new PlanExecutor(new AgentRunner(recordingModel, JsonMapper.shared())).execute(plan, agents,
                new TurnContext("goal", "{}", CallContext.system(), CallOptions.defaults()), result -> { });

        assertThat(seen).hasSize(3).allSatisfy((agent, context) ->
                assertThat(context).as(agent).isEqualTo("req-42 7 auto_1764470000000_k3v9x2q7m true"));
    }

    private static AgentDefinition agent(String name) {
        return new AgentDefinition(name, name, "test agent", "do it", false, true);
    }
}
