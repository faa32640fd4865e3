package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Which models can be used on this server: the registry plus what is configured. Picks the default model and
 * lists models for the future {@code /api/models} route.
 */
public class ModelCatalog {

    /** The usual model of each provider, in the order a default is looked for when MODEL_NAME is not set. */
    private static final List<Map.Entry<Provider, String>> PREFERRED_DEFAULTS = List.of(
            Map.entry(Provider.OPENAI, "gpt-5-mini"),
            Map.entry(Provider.ANTHROPIC, "claude-sonnet-4-6"),
            Map.entry(Provider.GEMINI, "gemini-3-flash"),
            Map.entry(Provider.GROQ, "gpt-oss-120B"));

    private final ModelRegistry registry;
    private final LlmSettings settings;
    private final String defaultModel;

    /** @throws UnknownModel at start-up when {@code MODEL_NAME} names no registry model */
    public ModelCatalog(ModelRegistry registry, LlmSettings settings) {
        this.registry = requireNonNull(registry, "registry");
        this.settings = requireNonNull(settings, "settings");
        this.defaultModel = chooseDefault();
    }

    /**
     * {@code MODEL_NAME} when set; else the usual model of the first provider with a key; else the offline
     * analyst, so that a server without any key still answers.
     */
    public String defaultModel() {
        return defaultModel;
    }

    /** The model a call goes to: the one asked for (ids ignore case), or the server's default when none is. */
    public ModelSpec resolve(String requestedModel) {
        return registry.resolve(requestedModel != null ? requestedModel : defaultModel);
    }

    /** One line of the model list. {@code configured}: calls can be made with the server's own settings. */
    public record Listing(String id, String provider, String displayName, String tier, String tierName, int credits,
                          int contextWindow, BigDecimal inputPricePerMillion, BigDecimal outputPricePerMillion,
                          LocalDate pricesAsOf, boolean configured, boolean isDefault) {}

    public List<Listing> list() {
        return registry.all().stream().map(m -> new Listing(m.id(), m.provider().id(), m.displayName(), m.tier().id(),
                m.tier().name(), m.tier().credits(), m.contextWindow(), m.inputPricePerMillion(),
                m.outputPricePerMillion(), m.pricesAsOf(), settings.isConfigured(m.provider()),
                m.id().equals(defaultModel))).toList();
    }

    private String chooseDefault() {
        if (settings.defaultModel() != null) {
            return registry.resolve(settings.defaultModel()).id();
        }
        return PREFERRED_DEFAULTS.stream()
                .filter(e -> settings.isConfigured(e.getKey()))
                .map(Map.Entry::getValue)
                .filter(id -> registry.find(id).isPresent())
                .findFirst()
                .orElse(OfflineLlmClient.MODEL_ID);
    }
}
