package io.autoanalyst.agent;

import java.util.List;
import java.util.Objects;

/**
 * One step of a plan: which agent, the variables it creates and uses (as written by the planner,
 * e.g. {@code "df_clean: DataFrame - df with nulls handled"}), and its instruction.
 */
public record PlanStep(String agent, List<String> create, List<String> use, String instruction) {

    public PlanStep {
        Objects.requireNonNull(agent, "agent");
        create = create == null ? List.of() : List.copyOf(create);
        use = use == null ? List.of() : List.copyOf(use);
        instruction = instruction == null ? "" : instruction;
    }

    /** The bare variable names ("df_clean: DataFrame - ..." → "df_clean"). */
    public List<String> createdNames() {
        return create.stream().map(PlanStep::variableName).filter(n -> !n.isEmpty()).toList();
    }

    public List<String> usedNames() {
        return use.stream().map(PlanStep::variableName).filter(n -> !n.isEmpty()).toList();
    }

    static String variableName(String declaration) {
        String s = declaration.strip();
        int end = 0;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) end++;
        return s.substring(0, end);
    }
}
