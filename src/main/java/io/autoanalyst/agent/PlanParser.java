package io.autoanalyst.agent;

import io.autoanalyst.llm.LenientJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Reads a planner's answer: {@code plan} as {@code "agent_a -> agent_b"} (optionally after
 * "Plan:"), and {@code plan_instructions} as an object keyed by agent name. Fixes two of the
 * original's silent losses: instructions keyed without the {@code planner_} prefix (or with it when
 * the agent has none) are matched, and Python-dict style text (single quotes) is read, not dropped.
 */
public final class PlanParser {

    private final LenientJson lenient;

    public PlanParser(LenientJson lenient) {
        this.lenient = lenient;
    }

    /**
     * @param available the agent names this user may use; names in the plan are matched to them
     *                  with or without the planner_ prefix
     */
    public Plan parse(String complexity, String planText, String instructionsText, Collection<String> available) {
        JsonNode instructions = readObject(instructionsText);
        List<PlanStep> steps = new ArrayList<>();
        for (String raw : agentNames(planText)) {
            String agent = match(raw, available).orElse(raw);
            JsonNode step = lookup(instructions, raw, agent);
            steps.add(new PlanStep(agent, strings(step.path("create")), strings(step.path("use")),
                    step.isString() ? step.asString() : step.path("instruction").asString("")));
        }
        return new Plan(complexity == null ? "basic" : complexity.strip().toLowerCase(Locale.ROOT), steps);
    }

    static List<String> agentNames(String planText) {
        if (planText == null) return List.of();
        String text = planText.strip();
        if (text.toLowerCase(Locale.ROOT).startsWith("plan:")) text = text.substring(5);
        List<String> names = new ArrayList<>();
        for (String part : text.split("->|→|,|\\n")) {
            String name = part.strip().replaceAll("[`'\"*\\[\\]]", "").strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && name.matches("[a-z0-9_]+")) names.add(name);
        }
        return names;
    }

    static Optional<String> match(String name, Collection<String> available) {
        if (available.contains(name)) return Optional.of(name);
        if (available.contains("planner_" + name)) return Optional.of("planner_" + name);
        if (name.startsWith("planner_") && available.contains(name.substring(8))) return Optional.of(name.substring(8));
        return Optional.empty();
    }

    private static JsonNode lookup(JsonNode instructions, String raw, String agent) {
        for (String key : List.of(agent, raw, "planner_" + raw, raw.startsWith("planner_") ? raw.substring(8) : raw,
                agent.startsWith("planner_") ? agent.substring(8) : agent)) {
            JsonNode node = instructions.path(key);
            if (!node.isMissingNode() && !node.isNull()) return node;
        }
        return instructions.path("\u0000missing");
    }

    private JsonNode readObject(String text) {
        if (text == null || text.isBlank()) return lenient.createObjectNode();
        String s = text.strip();
        int start = s.indexOf('{');
        int end = s.lastIndexOf('}');
        if (start < 0 || end < start) return lenient.createObjectNode();
        String body = s.substring(start, end + 1)
                .replace(": True", ": true").replace(": False", ": false").replace(": None", ": null");
        try {
            JsonNode node = lenient.readTree(body);
            return node.isObject() ? node : lenient.createObjectNode();
        } catch (JacksonException e) {
            return lenient.createObjectNode();
        }
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(v -> values.add(v.isString() ? v.asString() : v.toString()));
        } else if (node.isString() && !node.asString().isBlank()) {
            values.add(node.asString());
        }
        return values;
    }
}
