package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models the server knows, looked up by id ignoring case (the original compared case-sensitively and
 * so lost the Groq {@code gpt-oss-*B} models), with their prices and safeguards. Immutable.
 */
public final class ModelRegistry {

    /** Costs are stored in USD with this many decimals (a tenth of a micro-dollar). */
    public static final int COST_SCALE = 7;

    private static final BigDecimal ONE_MILLION = BigDecimal.valueOf(1_000_000);

    private final Map<String, ModelSpec> byLowerCaseId;
    private final List<ModelSpec> ordered;

    public ModelRegistry(List<ModelSpec> models) {
        requireNonNull(models, "models");
        Map<String, ModelSpec> map = new LinkedHashMap<>();
        for (ModelSpec model : models) {
            if (map.putIfAbsent(model.id().toLowerCase(Locale.ROOT), model) != null) {
                throw new InvalidModelRegistry("model id '" + model.id() + "' is defined twice (ids ignore case)");
            }
        }
        this.byLowerCaseId = Map.copyOf(map);
        this.ordered = List.copyOf(models);
    }

    /** Every model, in registry-file order. */
    public List<ModelSpec> all() {
        return ordered;
    }

    public List<String> ids() {
        return ordered.stream().map(ModelSpec::id).toList();
    }

    public Optional<ModelSpec> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(byLowerCaseId.get(id.trim().toLowerCase(Locale.ROOT)));
    }

    /** The model with this id, ignoring case and surrounding blanks; {@link UnknownModel} lists the valid ids. */
    public ModelSpec resolve(String id) {
        return find(id).orElseThrow(() -> new UnknownModel(abbreviate(id), ids()));
    }

    /**
     * The cost in USD of a call that used these tokens, from the registry prices, rounded to
     * {@value #COST_SCALE} decimals. An unknown model is refused rather than costed at zero, which is how
     * the original under-reported its spend.
     */
    public BigDecimal cost(String modelId, long promptTokens, long completionTokens) {
        ModelSpec model = resolve(modelId);
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
        BigDecimal input = model.inputPricePerMillion().multiply(BigDecimal.valueOf(promptTokens));
        BigDecimal output = model.outputPricePerMillion().multiply(BigDecimal.valueOf(completionTokens));
        return input.add(output).divide(ONE_MILLION, COST_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * The temperature and max tokens to send: the model's defaults where nothing was asked, the requested
     * values otherwise, then forced or clamped by the model's safeguard. Returns a new value each call;
     * nothing shared is mutated (the original mutated global LM objects and raced between sessions).
     */
    public GenerationSettings applySafeguards(String modelId, Double requestedTemperature, Integer requestedMaxTokens) {
        ModelSpec model = resolve(modelId);
        double temperature = requestedTemperature == null || requestedTemperature.isNaN()
                ? model.defaults().temperature()
                : requestedTemperature;
        int maxTokens = requestedMaxTokens == null ? model.defaults().maxTokens() : requestedMaxTokens;
        Safeguard safeguard = model.safeguard();
        return new GenerationSettings(safeguard.temperature(temperature), safeguard.maxTokens(maxTokens));
    }

    private static String abbreviate(String id) {
        if (id == null) {
            return "null";
        }
        return id.length() <= 80 ? id : id.substring(0, 80) + "...";
    }
}
