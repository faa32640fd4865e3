package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The offline analyst behind the same interface as a real model, so that agents call "the model" without
 * caring which. It answers the agent-style signature: inputs {@code goal} and {@code dataset} (a
 * {@link DatasetSchemaJson} document), outputs {@code code} and/or {@code summary}. Other signatures (planner,
 * titles, ...) need a language model and get {@link LlmUnavailable}. Each call records a usage row with zero
 * tokens and zero cost under provider {@code offline}.
 */
public class OfflineLlmClient implements LlmClient {

    public static final String MODEL_ID = "offline";
    private static final Set<String> ANSWERABLE_OUTPUTS = Set.of("code", "summary");

    private final OfflineAnalyst analyst;
    private final ModelRegistry registry;
    private final UsageRecorder usage;
    private final DatasetSchemaJson schemas = new DatasetSchemaJson();

    public OfflineLlmClient(OfflineAnalyst analyst, ModelRegistry registry, UsageRecorder usage) {
        this.analyst = requireNonNull(analyst, "analyst");
        this.registry = requireNonNull(registry, "registry");
        this.usage = requireNonNull(usage, "usage");
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
        boolean answerable = inputs.get("goal") != null && inputs.get("dataset") != null
                && signature.outputs().stream().allMatch(f -> ANSWERABLE_OUTPUTS.contains(f.name()));
        if (!answerable) {
            String message = "The offline analyst only answers analysis questions about a dataset; the task '"
                    + signature.name() + "' needs a language model. " + OfflineAnalyst.CONFIGURE_A_MODEL;
            usage.record(model, context, signature.name(), UsageRecorder.Outcome.failure(TokenCounts.NONE, querySize,
                    0, elapsed(start), message));
            throw new LlmUnavailable(message);
        }
        OfflineAnswer answer;
        try {
            answer = analyst.answer(ConversationGoal.currentQuery(inputs.get("goal")), schemas.read(inputs.get("dataset")));
        } catch (IllegalArgumentException unreadableSchema) {
            answer = analyst.answer(null, new DatasetSchema("df", java.util.List.of()));
            answer = new OfflineAnswer(OfflineIntent.NOT_SUPPORTED, answer.code(), OfflineAnalyst.LABEL
                    + ": the dataset description could not be read (" + unreadableSchema.getMessage() + "), so no "
                    + "analysis was attempted. " + OfflineAnalyst.CONFIGURE_A_MODEL, java.util.List.of());
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (Signature.Field field : signature.outputs()) {
            fields.put(field.name(), field.name().equals("code") ? answer.code() : answer.summary());
        }
        int responseSize = fields.values().stream().mapToInt(v -> v.toString().length()).sum();
        usage.record(model, context, signature.name(),
                UsageRecorder.Outcome.success(TokenCounts.NONE, querySize, responseSize, elapsed(start)));
        return new SignatureOutput(signature.name(), fields, model.id(), TokenCounts.NONE);
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
