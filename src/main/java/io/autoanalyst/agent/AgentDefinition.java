package io.autoanalyst.agent;

import io.autoanalyst.llm.Signature;
import io.autoanalyst.llm.Signature.Field;
import io.autoanalyst.template.AgentTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An agent as the planner and the executor see it: a name, what it is for, and the signature its
 * template's prompt becomes (inputs goal, dataset, plan_instructions, and styling_index for
 * visualisation agents; outputs code and summary).
 */
public record AgentDefinition(String name, String displayName, String description, String instructions,
                              boolean visualisation, boolean answersWithCode) {

    public AgentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instructions, "instructions");
    }

    public static AgentDefinition of(AgentTemplate template) {
        String lower = template.templateName().toLowerCase(Locale.ROOT);
        boolean viz = "data visualization".equalsIgnoreCase(String.valueOf(template.category()))
                || lower.contains("viz") || lower.contains("visual") || lower.contains("plot") || lower.contains("chart");
        boolean qa = template.templateName().equals("basic_qa_agent");
        return new AgentDefinition(template.templateName(),
                template.displayName() == null ? titleOf(template.templateName()) : template.displayName(),
                template.description(), template.promptTemplate(), viz, !qa);
    }

    public Signature signature() {
        List<Field> inputs = new ArrayList<>();
        inputs.add(Field.text("goal", "The user's request. Only the 'Current Query' part is the request; earlier turns are context."));
        inputs.add(Field.text("dataset", "The loaded datasets: exact Python variable names, columns, types and sample values."));
        inputs.add(Field.text("plan_instructions", "This step's part of the plan: variables to create, variables to use, and what to do. May be empty."));
        if (visualisation) {
            inputs.add(Field.text("styling_index", "House styling for this kind of chart."));
        }
        List<Field> outputs = answersWithCode
                ? List.of(Field.code("code", "Complete, runnable Python code for this step."),
                          Field.text("summary", "A short markdown list: what the code does and what to look at."))
                : List.of(Field.text("answer", "The answer, in markdown."));
        return new Signature(name, instructions, inputs, outputs);
    }

    /** preprocessing_agent → Preprocessing Agent, as the original titled its sections. */
    public static String titleOf(String agentName) {
        StringBuilder title = new StringBuilder();
        for (String word : agentName.split("_")) {
            if (word.isEmpty()) continue;
            if (!title.isEmpty()) title.append(' ');
            title.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return title.toString();
    }
}
