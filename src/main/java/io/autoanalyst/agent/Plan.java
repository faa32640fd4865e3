package io.autoanalyst.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the planner decided: how hard the question is, and the ordered steps. A step depends on an
 * earlier one when it uses a variable that step creates; steps that do not depend on each other
 * may run at the same time.
 */
public record Plan(String complexity, List<PlanStep> steps) {

    public Plan {
        Objects.requireNonNull(complexity, "complexity");
        steps = List.copyOf(steps);
    }

    /** For each step, the indexes of the earlier steps it waits for. */
    public List<List<Integer>> dependencies() {
        List<List<Integer>> all = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            List<Integer> waitsFor = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                List<String> created = steps.get(j).createdNames();
                if (steps.get(i).usedNames().stream().anyMatch(created::contains)) {
                    waitsFor.add(j);
                }
            }
            all.add(waitsFor);
        }
        return all;
    }

    public List<String> agentNames() {
        return steps.stream().map(PlanStep::agent).toList();
    }
}
