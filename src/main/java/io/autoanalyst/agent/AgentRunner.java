package io.autoanalyst.agent;

import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.LlmException;
import io.autoanalyst.llm.SignatureOutput;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Runs one agent: renders its inputs, calls the model, and turns any failure into a readable result. */
@Component
public class AgentRunner {

    private final LlmClient llm;
    private final ChartStyles styles = new ChartStyles();
    private final JsonMapper json;

    public AgentRunner(LlmClient llm, JsonMapper json) {
        this.llm = llm;
        this.json = json;
    }

    public AgentResult run(AgentDefinition agent, PlanStep step, TurnContext turn) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("goal", turn.goal());
        inputs.put("dataset", turn.dataset());
        inputs.put("plan_instructions", step == null || (step.create().isEmpty() && step.use().isEmpty() && step.instruction().isEmpty())
                ? "" : json.writeValueAsString(Map.of("create", step.create(), "use", step.use(), "instruction", step.instruction())));
        if (agent.visualisation()) {
            inputs.put("styling_index", styles.forQuestion(turn.goal()));
        }
        try {
            SignatureOutput output = llm.complete(agent.signature(), inputs, turn.call().withAgentName(agent.name()), turn.options());
            return agent.answersWithCode()
                    ? AgentResult.success(agent.name(), AgentMarkdown.stripFences(output.text("code")), output.text("summary"), output.model())
                    : AgentResult.success(agent.name(), "", output.text("answer"), output.model());
        } catch (LlmException e) {
            return AgentResult.failure(agent.name(), e.getMessage());
        }
    }
}
