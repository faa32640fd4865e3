package io.autoanalyst.deepanalysis;

import static java.util.Objects.requireNonNull;

import io.autoanalyst.llm.LenientJson;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which agent answers which research questions. The steps are independent (each answers its own questions), so
 * their code is generated at the same time.
 */
record DeepPlan(List<Step> steps) {

    DeepPlan {
        steps = List.copyOf(steps);
    }

    /** @param questions 1-based numbers of the questions this step answers */
    record Step(String agent, List<Integer> questions, String instruction) {
        Step {
            requireNonNull(agent, "agent");
            questions = List.copyOf(questions);
            instruction = instruction == null ? "" : instruction;
        }
    }

    /** The plan text could not be turned into steps over known agents; {@code getMessage()} says why. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason);
        }
    }

    String toJson(JsonMapper json) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Step s : steps) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("agent", s.agent());
            m.put("questions", s.questions());
            m.put("instruction", s.instruction());
            out.add(m);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }

    /**
     * Reads a JSON array of steps, or the original's object keyed by agent name ({@code {agent: {create, use,
     * instruction}}}, Python-literal style accepted). Questions a step does not claim go to the steps in turn,
     * so every question is answered.
     */
    static DeepPlan parse(String text, Collection<String> agents, int questionCount, LenientJson lenient) throws Unreadable {
        if (text == null || text.isBlank()) throw new Unreadable("the plan is empty");
        String s = text.strip().replace(": True", ": true").replace(": False", ": false").replace(": None", ": null");
        int array = s.indexOf('[');
        int object = s.indexOf('{');
        JsonNode root;
        try {
            if (array >= 0 && (object < 0 || array < object)) {
                root = lenient.readTree(s.substring(array, s.lastIndexOf(']') + 1));
            } else if (object >= 0) {
                root = lenient.readTree(s.substring(object, s.lastIndexOf('}') + 1));
            } else {
                throw new Unreadable("the plan is not JSON");
            }
        } catch (JacksonException | StringIndexOutOfBoundsException e) {
            throw new Unreadable("the plan is not valid JSON");
        }
        List<Step> steps = new ArrayList<>();
        if (root.isArray()) {
            for (JsonNode node : root.values()) {
                String agent = node.path("agent").asString("");
                steps.add(new Step(known(agent, agents), numbers(node.path("questions"), questionCount), node.path("instruction").asString("")));
            }
        } else if (root.isObject()) {
            for (Map.Entry<String, JsonNode> entry : root.properties()) {
                JsonNode node = entry.getValue();
                String instruction = node.isString() ? node.asString() : node.path("instruction").asString("");
                steps.add(new Step(known(entry.getKey(), agents), numbers(node.path("questions"), questionCount), instruction));
            }
        }
        if (steps.isEmpty()) throw new Unreadable("the plan has no steps");
        return new DeepPlan(assignLeftovers(steps, questionCount));
    }

    private static String known(String name, Collection<String> agents) throws Unreadable {
        String n = name.strip();
        Optional<String> match = agents.contains(n) ? Optional.of(n)
                : agents.contains("planner_" + n) ? Optional.of("planner_" + n)
                : n.startsWith("planner_") && agents.contains(n.substring(8)) ? Optional.of(n.substring(8)) : Optional.empty();
        return match.orElseThrow(() -> new Unreadable("unknown agent '" + n + "'; the agents are " + String.join(", ", agents)));
    }

    private static List<Integer> numbers(JsonNode node, int questionCount) {
        List<Integer> numbers = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode v : node.values()) {
                int q = v.asInt(0);
                if (q >= 1 && q <= questionCount && !numbers.contains(q)) numbers.add(q);
            }
        }
        return numbers;
    }

    private static List<Step> assignLeftovers(List<Step> steps, int questionCount) {
        List<List<Integer>> claimed = new ArrayList<>();
        steps.forEach(s -> claimed.add(new ArrayList<>(s.questions())));
        int next = 0;
        for (int q = 1; q <= questionCount; q++) {
            final int question = q;
            if (claimed.stream().noneMatch(c -> c.contains(question))) {
                claimed.get(next % steps.size()).add(q);
                next++;
            }
        }
        List<Step> out = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) out.add(new Step(steps.get(i).agent(), claimed.get(i), steps.get(i).instruction()));
        return out;
    }
}
