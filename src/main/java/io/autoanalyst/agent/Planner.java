package io.autoanalyst.agent;

import io.autoanalyst.llm.LenientJson;
import io.autoanalyst.llm.LlmClient;
import io.autoanalyst.llm.Signature;
import io.autoanalyst.llm.Signature.Field;
import io.autoanalyst.llm.SignatureOutput;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Decides which agents answer a question, in which order, and what each creates and uses: one call of
 * the planner signature (complexity and plan together; the original spent two calls). The offline
 * analyst answers it too, with a one-agent plan picked by the intent it recognises.
 */
@Component
public class Planner {

    static final Signature SIGNATURE = new Signature("analytical_planner", """
            You plan how a team of data-analysis agents answers a user's question about their dataset.
            First judge the question's complexity:
            - basic: one agent can answer it;
            - intermediate: two agents, with as few shared variables as possible;
            - advanced: several agents in a logical order, each creating variables the next ones use;
            - unrelated: not a question about the data (greetings, general knowledge): answer with basic_qa_agent alone.
            Then write the plan as agent names joined by " -> ", using only names from the agent list, and for each
            agent an entry of plan_instructions keyed by its exact name: {"create": [variables it must create, as
            "name: type - meaning"], "use": [variables it may use, including the dataset's exact variable name],
            "instruction": what it must do}. Use the real dataset variable names, never placeholders. Prefer the
            smallest plan that answers the question. If the agent list is empty, answer with plan "no_agents_available".
            """,
            List.of(Field.text("goal", "The user's question, possibly followed by earlier turns for context."),
                    Field.text("dataset", "The loaded datasets: exact variable names, columns, types, sample values."),
                    Field.text("agent_desc", "The agents you may use, one per line: name: what it does.")),
            List.of(Field.text("complexity", "One of basic, intermediate, advanced, unrelated."),
                    Field.text("plan", "Agent names in order, joined by ' -> '."),
                    Field.json("plan_instructions", "Object keyed by agent name with create, use and instruction.")));

    private final LlmClient llm;
    private final PlanParser parser;

    public Planner(LlmClient llm, LenientJson lenient) {
        this.llm = llm;
        this.parser = new PlanParser(lenient);
    }

    public Plan plan(TurnContext turn, Map<String, AgentDefinition> agents) {
        String agentDesc = agents.values().stream()
                .map(a -> a.name() + ": " + a.description())
                .collect(Collectors.joining("\n"));
        SignatureOutput output = llm.complete(SIGNATURE, Map.of("goal", turn.goal(), "dataset", turn.dataset(), "agent_desc", agentDesc),
                turn.call().withAgentName("planner"), turn.options());
        Plan plan = parser.parse(output.text("complexity"), output.text("plan"), output.text("plan_instructions"), agents.keySet());
        if (plan.complexity().equals("unrelated") || plan.steps().isEmpty()) {
            return new Plan(plan.complexity(), List.of(new PlanStep(AgentCatalog.QA_AGENT, List.of(), List.of(), "")));
        }
        return plan;
    }
}
