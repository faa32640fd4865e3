package io.autoanalyst.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline analyst's answers to the deep-analysis signatures, recognised like the other offline tasks by
 * their input and output fields: research questions built from the dataset's real columns (each one a question
 * the offline analyst can answer with code and a chart), a plan giving each question to the agent whose job its
 * intent is, a per-question synthesis made from the agents' summaries and the printed output, and a conclusion
 * that lists the sections' first lines. Deterministic: the same dataset gives the same questions and plan.
 */
final class OfflineDeepAnalysis {

    private static final int MAX_QUESTIONS = 5;
    private static final int OUTPUT_EXCERPT_LINES = 25;

    private final OfflineAnalyst analyst;
    private final DatasetSchemaJson schemas;
    private final JsonMapper json;

    OfflineDeepAnalysis(OfflineAnalyst analyst, JsonMapper json) {
        this.analyst = analyst;
        this.json = json;
        this.schemas = new DatasetSchemaJson(json);
    }

    private enum Task {
        QUESTIONS(Set.of("goal", "dataset_info"), Set.of("deep_questions")),
        PLAN(Set.of("deep_questions", "dataset", "agent_desc"), Set.of("plan_instructions")),
        SYNTHESIS(Set.of("question", "summaries", "print_outputs"), Set.of("synthesized_report")),
        CONCLUSION(Set.of("query", "synthesized_sections"), Set.of("final_conclusion"));

        private final Set<String> inputs;
        private final Set<String> outputs;

        Task(Set<String> inputs, Set<String> outputs) {
            this.inputs = inputs;
            this.outputs = outputs;
        }
    }

    /** The output fields, or empty when the signature is not one of the deep-analysis tasks. */
    Optional<Map<String, Object>> answer(Signature signature, Map<String, String> inputs) {
        for (Task task : Task.values()) {
            boolean fits = task.inputs.stream().allMatch(n -> inputs.get(n) != null)
                    && signature.outputs().size() == task.outputs.size()
                    && signature.outputs().stream().allMatch(f -> task.outputs.contains(f.name()));
            if (fits) {
                return Optional.of(switch (task) {
                    case QUESTIONS -> Map.of("deep_questions", questions(inputs.get("dataset_info")));
                    case PLAN -> Map.of("plan_instructions", plan(inputs.get("deep_questions"), inputs.get("dataset"), inputs.get("agent_desc")));
                    case SYNTHESIS -> Map.of("synthesized_report", synthesis(inputs.get("question"), inputs.get("summaries"), inputs.get("print_outputs")));
                    case CONCLUSION -> Map.of("final_conclusion", conclusion(inputs.get("synthesized_sections")));
                });
            }
        }
        return Optional.empty();
    }

    /** One question per kind of chart the dataset allows, at most five, all naming real columns. */
    List<String> questions(String datasetInfo) {
        DatasetSchema schema = schemas.read(datasetInfo);
        List<DatasetSchema.Column> numeric = schema.columnsOfKind(DatasetSchema.ColumnKind.NUMERIC);
        // Categories before yes/no flags: they split the rows into more telling groups.
        List<DatasetSchema.Column> groups = new ArrayList<>(schema.columnsOfKind(DatasetSchema.ColumnKind.CATEGORICAL));
        groups.addAll(schema.columnsOfKind(DatasetSchema.ColumnKind.BOOL));
        List<DatasetSchema.Column> dates = schema.columnsOfKind(DatasetSchema.ColumnKind.DATETIME);
        List<String> questions = new ArrayList<>();
        if (!numeric.isEmpty()) questions.add("What is the distribution of " + numeric.getFirst().name() + "?");
        if (numeric.size() >= 2) questions.add("Show the correlation matrix");
        if (!numeric.isEmpty() && !groups.isEmpty()) {
            questions.add("What is the average " + numeric.getFirst().name() + " by " + groups.getFirst().name() + "?");
        }
        if (!numeric.isEmpty() && !dates.isEmpty()) {
            questions.add("What is the trend of " + numeric.getFirst().name() + " over time?");
        }
        if (!groups.isEmpty()) questions.add("What is the distribution of " + groups.getFirst().name() + "?");
        if (numeric.size() >= 2) questions.add("What is the distribution of " + numeric.get(1).name() + "?");
        questions.add("Are there missing values?");
        return List.copyOf(questions.subList(0, Math.min(MAX_QUESTIONS, questions.size())));
    }

    /** A JSON array: each question to the listed agent whose job its intent is (else the first agent). */
    private String plan(String questionsText, String dataset, String agentDesc) {
        DatasetSchema schema = schemas.read(dataset);
        List<String> agents = new ArrayList<>();
        for (String line : agentDesc.split("\n")) {
            int colon = line.indexOf(':');
            String name = (colon < 0 ? line : line.substring(0, colon)).strip();
            if (!name.isEmpty() && !name.equals("basic_qa_agent")) agents.add(name);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        int number = 0;
        for (String question : questionLines(questionsText)) {
            number++;
            String wanted = analyst.answer(question, schema).intent().agentName();
            String agent = agents.stream().filter(n -> n.equals(wanted) || n.equals("planner_" + wanted)).findFirst()
                    .orElse(agents.isEmpty() ? "" : agents.getFirst());
            if (agent.isEmpty()) continue;
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("agent", agent);
            step.put("questions", List.of(number));
            step.put("instruction", question);
            steps.add(step);
        }
        return json.writeValueAsString(steps);
    }

    static List<String> questionLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            String q = line.strip().replaceFirst("^(\\d+[.)]|[-*])\\s*", "").strip();
            if (!q.isEmpty()) lines.add(q);
        }
        return lines;
    }

    private static String synthesis(String question, String summaries, String output) {
        StringBuilder text = new StringBuilder();
        text.append("**Question:** ").append(question.strip()).append("\n\n");
        if (!summaries.isBlank()) text.append(summaries.strip()).append("\n\n");
        List<String> lines = output.lines().filter(l -> !l.isBlank()).limit(OUTPUT_EXCERPT_LINES).toList();
        if (!lines.isEmpty()) {
            text.append("**What the code printed:**\n\n```\n").append(String.join("\n", lines)).append("\n```\n");
        }
        return text.toString().strip();
    }

    private static String conclusion(String sections) {
        StringBuilder text = new StringBuilder("**Conclusion**\n\nThe offline analyst answered each question with code run "
                + "on the dataset; the figures and printed values above are its findings. It does not interpret them: "
                + "configure a language model for a written interpretation.\n\n**Key Takeaways**\n");
        for (String line : sections.split("\n")) {
            if (line.startsWith("**Question:**")) {
                text.append("- Answered: ").append(line.substring("**Question:**".length()).strip()).append('\n');
            }
        }
        return text.toString().strip();
    }
}
