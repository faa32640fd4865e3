package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline analyst behind the same interface as a real model, so that callers ask "the model" without caring
 * which. Like a model reading a signature's fields, it recognises three tasks by their inputs and outputs:
 * <ul>
 *   <li>an analysis: inputs {@code goal} and {@code dataset} (a {@link DatasetSchemaJson} document), outputs
 *   {@code code} and/or {@code summary} — the code for the question's intent;</li>
 *   <li>a plan: inputs {@code goal}, {@code dataset} and {@code agent_desc} (one {@code name: description} per
 *   line), outputs {@code complexity}, {@code plan} and {@code plan_instructions} — one step, the agent whose job
 *   the recognised intent is;</li>
 *   <li>a title: input {@code query}, output {@code name} — the question's first meaningful words.</li>
 * </ul>
 * Any other task (repairing or editing code, free-form answers, ...) needs a language model and gets
 * {@link LlmUnavailable}. Each call records a usage row with zero tokens and zero cost under provider
 * {@code offline}.
 */
public class OfflineLlmClient implements LlmClient {

    public static final String MODEL_ID = "offline";
    /** The question-and-answer agent writes no code; the planner's instructions keep it for unrelated questions. */
    private static final String QA_AGENT = "basic_qa_agent";

    private final OfflineAnalyst analyst;
    private final ModelRegistry registry;
    private final UsageRecorder usage;
    private final DatasetSchemaJson schemas;
    private final JsonMapper json;
    private final OfflineDeepAnalysis deep;

    public OfflineLlmClient(OfflineAnalyst analyst, ModelRegistry registry, UsageRecorder usage, JsonMapper json) {
        this.analyst = requireNonNull(analyst, "analyst");
        this.json = requireNonNull(json, "json");
        this.schemas = new DatasetSchemaJson(json);
        this.deep = new OfflineDeepAnalysis(analyst, json);
        this.registry = requireNonNull(registry, "registry");
        this.usage = requireNonNull(usage, "usage");
    }

    private enum Task {
        ANALYSIS(Set.of("goal", "dataset"), Set.of("code", "summary")),
        PLAN(Set.of("goal", "dataset", "agent_desc"), Set.of("complexity", "plan", "plan_instructions")),
        TITLE(Set.of("query"), Set.of("name"));

        private final Set<String> inputs;
        private final Set<String> outputs;

        Task(Set<String> inputs, Set<String> outputs) {
            this.inputs = inputs;
            this.outputs = outputs;
        }

        /** The inputs are all given and every output asked for is one this task fills. */
        boolean fits(Signature signature, Map<String, String> given) {
            return inputs.stream().allMatch(name -> given.get(name) != null)
                    && signature.outputs().stream().allMatch(f -> outputs.contains(f.name()))
                    && (this == ANALYSIS || signature.outputs().size() == outputs.size());
        }

        static Optional<Task> of(Signature signature, Map<String, String> given) {
            for (Task task : values()) {
                if (task.fits(signature, given)) {
                    return Optional.of(task);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public SignatureOutput complete(Signature signature, Map<String, String> inputs, CallContext context,
                                    CallOptions options) {
        requireNonNull(signature, "signature");
        requireNonNull(inputs, "inputs");
        requireNonNull(context, "context");
        long start = System.nanoTime();
        ModelSpec model = registry.resolve(MODEL_ID);
        int querySize = inputs.values().stream().mapToInt(v -> v == null ? 0 : v.length()).sum();
        Optional<Task> task = Task.of(signature, inputs);
        Optional<Map<String, Object>> deepAnswer = task.isEmpty() ? deep.answer(signature, inputs) : Optional.empty();
        if (deepAnswer.isPresent()) {
            int size = deepAnswer.get().values().stream().mapToInt(v -> v.toString().length()).sum();
            usage.record(model, context, signature.name(), UsageRecorder.Outcome.success(TokenCounts.NONE, querySize, size, elapsed(start)));
            return new SignatureOutput(signature.name(), deepAnswer.get(), model.id(), TokenCounts.NONE);
        }
        if (task.isEmpty()) {
            String message = "The offline analyst only answers analysis questions about a dataset; the task '"
                    + signature.name() + "' needs a language model. " + OfflineAnalyst.CONFIGURE_A_MODEL;
            usage.record(model, context, signature.name(), UsageRecorder.Outcome.failure(TokenCounts.NONE, querySize,
                    0, elapsed(start), message));
            throw new LlmUnavailable(message);
        }
        Map<String, Object> fields = switch (task.get()) {
            case ANALYSIS -> analysis(signature, inputs);
            case PLAN -> plan(inputs);
            case TITLE -> Map.of("name", QuestionTitle.of(inputs.get("query")).orElse(""));
        };
        int responseSize = fields.values().stream().mapToInt(v -> v.toString().length()).sum();
        usage.record(model, context, signature.name(),
                UsageRecorder.Outcome.success(TokenCounts.NONE, querySize, responseSize, elapsed(start)));
        return new SignatureOutput(signature.name(), fields, model.id(), TokenCounts.NONE);
    }

    private Map<String, Object> analysis(Signature signature, Map<String, String> inputs) {
        OfflineAnswer answer = answer(inputs.get("goal"), inputs.get("dataset"));
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Signature.Field field : signature.outputs()) {
            fields.put(field.name(), field.name().equals("code") ? answer.code() : answer.summary());
        }
        return fields;
    }

    /** One step: the listed agent whose job the intent is, else the first agent that writes code. */
    private Map<String, Object> plan(Map<String, String> inputs) {
        OfflineAnswer answer = answer(inputs.get("goal"), inputs.get("dataset"));
        List<String> agents = agentNames(inputs.get("agent_desc"));
        String wanted = answer.intent().agentName();
        String agent = agents.stream().filter(n -> n.equals(wanted) || n.equals("planner_" + wanted)).findFirst()
                .or(() -> agents.stream().filter(n -> !n.equals(QA_AGENT)).findFirst())
                .or(() -> agents.stream().findFirst())
                .orElse("");
        Map<String, Object> step = Map.of("create", List.of(), "use", List.of(answer.datasetVariable()), "instruction", "");
        return Map.of("complexity", "basic", "plan", agent,
                "plan_instructions", agent.isEmpty() ? "{}" : json.writeValueAsString(Map.of(agent, step)));
    }

    private OfflineAnswer answer(String goal, String dataset) {
        DatasetSchema schema;
        try {
            schema = schemas.read(dataset);
        } catch (IllegalArgumentException unreadableSchema) {
            return analyst.cannotRead("the dataset description could not be read (" + unreadableSchema.getMessage()
                    + "), so no analysis was attempted.");
        }
        return analyst.answer(ConversationGoal.currentQuery(goal), schema);
    }

    private static List<String> agentNames(String agentDesc) {
        List<String> names = new ArrayList<>();
        for (String line : agentDesc.split("\n")) {
            int colon = line.indexOf(':');
            String name = (colon < 0 ? line : line.substring(0, colon)).strip();
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
