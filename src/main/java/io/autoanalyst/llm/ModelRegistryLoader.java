package io.autoanalyst.llm;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads registry files ({@code llm/models.yaml} and optional extra files in the same format) and checks
 * them: every reference resolves, no id is defined twice (ignoring case, since lookups ignore case),
 * every number is sensible. Every problem found is reported at once.
 */
public final class ModelRegistryLoader {

    /** The registry shipped with the server. */
    public static final String BUILT_IN = "llm/models.yaml";

    private final YAMLMapper mapper = YAMLMapper.builder()
            // A misspelt key would otherwise silently fall back to a default.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /** Loads the built-in registry only. */
    public ModelRegistry loadBuiltIn() {
        return load(List.of(new Source(BUILT_IN, () -> openClasspath(BUILT_IN))));
    }

    /** A named source of registry YAML; later sources add models and may reuse earlier tiers and safeguards. */
    public record Source(String name, Opener opener) {}

    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public ModelRegistry load(List<Source> sources) {
        Map<String, Tier> tiers = new LinkedHashMap<>();
        Map<String, Safeguard> safeguards = new LinkedHashMap<>();
        List<ModelEntry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Source source : sources) {
            RegistryFile file = read(source);
            if (file.tiers() != null) {
                file.tiers().forEach((id, t) -> {
                    try {
                        tiers.put(id, new Tier(id, t.name(), t.credits()));
                    } catch (RuntimeException e) {
                        problems.add(source.name() + ": tier " + id + ": " + e.getMessage());
                    }
                });
            }
            if (file.safeguards() != null) {
                file.safeguards().forEach((name, s) -> {
                    try {
                        safeguards.put(name, toSafeguard(name, s));
                    } catch (RuntimeException e) {
                        problems.add(source.name() + ": " + e.getMessage());
                    }
                });
            }
            if (file.models() != null) {
                file.models().forEach(m -> entries.add(new ModelEntry(source.name(), m)));
            }
        }
        List<ModelSpec> models = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (ModelEntry entry : entries) {
            ModelSpec spec = toSpec(entry, tiers, safeguards, problems);
            if (spec == null) {
                continue;
            }
            String key = spec.id().toLowerCase(Locale.ROOT);
            if (seen.containsKey(key)) {
                problems.add(entry.source() + ": model id '" + spec.id() + "' is defined twice (ids ignore case)");
                continue;
            }
            seen.put(key, spec.id());
            models.add(spec);
        }
        if (models.isEmpty()) {
            problems.add("the registry defines no models");
        }
        if (!problems.isEmpty()) {
            throw new InvalidModelRegistry("Invalid model registry:\n  - " + String.join("\n  - ", problems));
        }
        return new ModelRegistry(models);
    }

    private RegistryFile read(Source source) {
        try (InputStream in = source.opener().open()) {
            if (in == null) {
                throw new InvalidModelRegistry("Model registry " + source.name() + " not found");
            }
            RegistryFile file = mapper.readValue(in, RegistryFile.class);
            if (file == null) {
                throw new InvalidModelRegistry("Model registry " + source.name() + " is empty");
            }
            return file;
        } catch (IOException | JacksonException e) {
            throw new InvalidModelRegistry("Model registry " + source.name() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static InputStream openClasspath(String path) {
        return ModelRegistryLoader.class.getClassLoader().getResourceAsStream(path);
    }

    private static Safeguard toSafeguard(String name, SafeguardEntry s) {
        if (s.maxTokensCap() == null) {
            throw new IllegalArgumentException("safeguard " + name + ": maxTokensCap is missing");
        }
        if (s.forcedTemperature() != null) {
            if (s.minTemperature() != null || s.maxTemperature() != null) {
                throw new IllegalArgumentException(
                        "safeguard " + name + ": give either forcedTemperature or min/maxTemperature, not both");
            }
            return Safeguard.forced(name, s.forcedTemperature(), s.maxTokensCap());
        }
        if (s.minTemperature() == null || s.maxTemperature() == null) {
            throw new IllegalArgumentException(
                    "safeguard " + name + ": needs forcedTemperature or both minTemperature and maxTemperature");
        }
        return Safeguard.clamped(name, s.minTemperature(), s.maxTemperature(), s.maxTokensCap());
    }

    private static ModelSpec toSpec(ModelEntry entry, Map<String, Tier> tiers, Map<String, Safeguard> safeguards,
                                    List<String> problems) {
        ModelFileEntry m = entry.model();
        String where = entry.source() + ": model " + (m.id() == null ? "(no id)" : "'" + m.id() + "'");
        int before = problems.size();
        if (m.id() == null || m.id().isBlank()) {
            problems.add(where + ": id is missing");
        }
        Provider provider = Provider.fromId(m.provider()).orElse(null);
        if (provider == null) {
            problems.add(where + ": provider '" + m.provider() + "' is not one of openai, anthropic, gemini, groq, offline");
        }
        if (m.providerModelId() == null || m.providerModelId().isBlank()) {
            problems.add(where + ": providerModelId is missing");
        }
        Tier tier = tiers.get(m.tier());
        if (tier == null) {
            problems.add(where + ": tier '" + m.tier() + "' is not defined (known: " + tiers.keySet() + ")");
        }
        Safeguard safeguard = safeguards.get(m.safeguards());
        if (safeguard == null) {
            problems.add(where + ": safeguards '" + m.safeguards() + "' is not defined (known: " + safeguards.keySet() + ")");
        }
        if (m.pricePerMillion() == null || m.pricePerMillion().input() == null || m.pricePerMillion().output() == null) {
            problems.add(where + ": pricePerMillion needs input and output");
        }
        if (m.pricesAsOf() == null) {
            problems.add(where + ": pricesAsOf (the date the prices were taken) is missing");
        }
        if (m.defaults() == null || m.defaults().temperature() == null || m.defaults().maxTokens() == null) {
            problems.add(where + ": defaults needs temperature and maxTokens");
        }
        if (m.contextWindow() == null) {
            problems.add(where + ": contextWindow is missing");
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            GenerationSettings defaults = new GenerationSettings(m.defaults().temperature(), m.defaults().maxTokens());
            if (defaults.maxTokens() > safeguard.maxTokensCap()) {
                problems.add(where + ": default maxTokens " + defaults.maxTokens() + " is above its safeguard cap "
                        + safeguard.maxTokensCap());
                return null;
            }
            return new ModelSpec(m.id().trim(), provider, m.providerModelId().trim(),
                    m.displayName() == null ? m.id().trim() : m.displayName(), tier, m.contextWindow(),
                    m.pricePerMillion().input(), m.pricePerMillion().output(), m.pricesAsOf(), defaults, safeguard,
                    Boolean.TRUE.equals(m.structuredOutput()), toCapabilities(m.capabilities()));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    /** No entry, or a capability left out of it, means the model can (a language model can do everything). */
    private static ModelCapabilities toCapabilities(CapabilitiesEntry c) {
        if (c == null) {
            return ModelCapabilities.ALL;
        }
        return new ModelCapabilities(!Boolean.FALSE.equals(c.repairsCode()));
    }

    private record ModelEntry(String source, ModelFileEntry model) {}

    // The file's shape. Wrapper types so that a missing value is told apart from zero.
    record RegistryFile(Map<String, TierEntry> tiers, Map<String, SafeguardEntry> safeguards,
                        List<ModelFileEntry> models) {}

    record TierEntry(String name, int credits) {}

    record SafeguardEntry(Double forcedTemperature, Double minTemperature, Double maxTemperature,
                          Integer maxTokensCap) {}

    record Prices(BigDecimal input, BigDecimal output) {}

    record Defaults(Double temperature, Integer maxTokens) {}

    record ModelFileEntry(String id, String provider, String providerModelId, String displayName, String tier,
                          Integer contextWindow, Prices pricePerMillion, LocalDate pricesAsOf, Defaults defaults,
                          String safeguards, Boolean structuredOutput, CapabilitiesEntry capabilities) {}

    record CapabilitiesEntry(Boolean repairsCode) {}
}
