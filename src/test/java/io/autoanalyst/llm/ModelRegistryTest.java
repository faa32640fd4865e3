package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {

    private static final List<String> ORIGINAL_IDS = List.of(
            "gpt-5-nano", "gpt-5-mini", "gpt-5", "gpt-5.2", "gpt-5.2-pro", "gpt-5.2-chat-latest", "gpt-5.4",
            "gpt-5.4-pro", "o3", "claude-haiku-4-5", "claude-sonnet-4-5-20250929", "claude-sonnet-4-6",
            "claude-opus-4-5-20251101", "claude-opus-4-6", "deepseek-r1-distill-llama-70b", "gpt-oss-120B",
            "gpt-oss-20B", "gemini-2.5-pro-preview-03-25", "gemini-3-pro", "gemini-3-flash");

    private final ModelRegistry registry = new ModelRegistryLoader().loadBuiltIn();

    @Test
    void containsEveryModelOfTheOriginalRegistryPlusTheOfflineAnalyst() {
        assertThat(registry.ids()).containsAll(ORIGINAL_IDS).contains("offline").hasSize(ORIGINAL_IDS.size() + 1);
    }

    @Test
    void everyModelCarriesItsPriceDateAndATier() {
        assertThat(registry.all()).allSatisfy(m -> {
            assertThat(m.pricesAsOf()).isEqualTo(LocalDate.of(2026, 4, 16));
            assertThat(m.tier().credits()).isIn(1, 3, 5, 20, 50);
        });
    }

    @Test
    void pricesAreTheOriginalPerThousandPricesTimesAThousand() {
        ModelSpec nano = registry.resolve("gpt-5-nano");
        assertThat(nano.inputPricePerMillion()).isEqualByComparingTo("0.05");
        assertThat(nano.outputPricePerMillion()).isEqualByComparingTo("0.4");
        ModelSpec pro = registry.resolve("gpt-5.4-pro");
        assertThat(pro.inputPricePerMillion()).isEqualByComparingTo("30");
        assertThat(pro.outputPricePerMillion()).isEqualByComparingTo("180");
        assertThat(pro.tier()).isEqualTo(new Tier("tier5", "Ultimate", 50));
        assertThat(registry.resolve("claude-sonnet-4-6").tier()).isEqualTo(new Tier("tier3", "Premium", 5));
        assertThat(registry.resolve("gpt-5").tier()).isEqualTo(new Tier("tier4", "Premium Plus", 20));
    }

    @Test
    void lookupIgnoresCaseSoTheGroqModelsAreFound() {
        assertThat(registry.resolve("GPT-OSS-120b").id()).isEqualTo("gpt-oss-120B");
        assertThat(registry.resolve("gpt-oss-20b").provider()).isEqualTo(Provider.GROQ);
        assertThat(registry.resolve(" Claude-Sonnet-4-6 ").provider()).isEqualTo(Provider.ANTHROPIC);
    }

    @Test
    void groqModelsAreCostedLikeAnyOther() {
        // The original's case-sensitive provider lookup made these "Unknown" and costed them at 0.
        assertThat(registry.cost("gpt-oss-120B", 1_000_000, 1_000_000)).isEqualByComparingTo("1.74");
    }

    @Test
    void capabilitiesComeFromTheRegistryEntryAndDefaultToEverything() {
        assertThat(registry.resolve("offline").capabilities().repairsCode()).isFalse();
        assertThat(registry.all()).filteredOn(m -> m.provider() != Provider.OFFLINE)
                .allSatisfy(m -> assertThat(m.capabilities()).isEqualTo(ModelCapabilities.ALL));
    }

    @Test
    void costUsesRealTokenCountsRoundedToSevenDecimals() {
        // 1234 * 0.25 / 1e6 + 567 * 2.00 / 1e6 = 0.0003085 + 0.001134
        assertThat(registry.cost("gpt-5-mini", 1234, 567)).isEqualTo(new BigDecimal("0.0014425"));
        // 3 * 0.05 / 1e6 = 1.5e-7
        assertThat(registry.cost("gpt-5-nano", 3, 0)).isEqualTo(new BigDecimal("0.0000002"));
        assertThat(registry.cost("offline", 5000, 5000)).isEqualByComparingTo("0");
    }

    @Test
    void costOfAnUnknownModelIsRefusedNotZero() {
        assertThatThrownBy(() -> registry.cost("gpt-4o-mini", 10, 10))
                .isInstanceOf(UnknownModel.class)
                .hasMessageContaining("gpt-4o-mini")
                .hasMessageContaining("gpt-5-mini")
                .hasMessageContaining("claude-sonnet-4-6")
                .hasMessageContaining("offline");
    }

    @Test
    void unknownModelListsEveryValidId() {
        assertThatThrownBy(() -> registry.resolve("gpt-4o-mini"))
                .isInstanceOf(UnknownModel.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(ORIGINAL_IDS));
    }

    @Test
    void reasoningModelsGetTemperatureForcedToOne() {
        assertThat(registry.applySafeguards("gpt-5-mini", 0.2, 50_000)).isEqualTo(new GenerationSettings(1.0, 16_000));
        assertThat(registry.applySafeguards("o3", 0.0, 150_000)).isEqualTo(new GenerationSettings(1.0, 100_000));
    }

    @Test
    void otherModelsGetTemperatureClampedAndTokensCappedPerProvider() {
        assertThat(registry.applySafeguards("claude-sonnet-4-6", 1.7, 100_000))
                .isEqualTo(new GenerationSettings(1.0, 64_000));
        assertThat(registry.applySafeguards("claude-haiku-4-5", -0.5, 100_000))
                .isEqualTo(new GenerationSettings(0.0, 8_192));
        assertThat(registry.applySafeguards("gpt-oss-120B", 0.3, 100_000)).isEqualTo(new GenerationSettings(0.3, 32_768));
        assertThat(registry.applySafeguards("gemini-2.5-pro-preview-03-25", 0.5, 100_000))
                .isEqualTo(new GenerationSettings(0.5, 65_535));
        assertThat(registry.applySafeguards("gemini-3-flash", 0.5, 100_000)).isEqualTo(new GenerationSettings(0.5, 8_192));
    }

    @Test
    void missingSettingsFallBackToTheModelDefaults() {
        assertThat(registry.applySafeguards("claude-sonnet-4-6", null, null)).isEqualTo(new GenerationSettings(1.0, 6_000));
        assertThat(registry.applySafeguards("o3", null, null)).isEqualTo(new GenerationSettings(1.0, 20_000));
    }

    @Test
    void aBrokenRegistryFileFailsWithEveryProblemNamed() {
        String yaml = """
                tiers:
                  tier1: {name: Basic, credits: 1}
                safeguards:
                  default: {minTemperature: 0.0, maxTemperature: 1.0, maxTokensCap: 4096}
                models:
                  - id: a
                    provider: openia
                    providerModelId: a
                    tier: tier9
                    contextWindow: 1000
                    pricePerMillion: {input: 1, output: 2}
                    pricesAsOf: 2026-04-16
                    defaults: {temperature: 1.0, maxTokens: 100}
                    safeguards: default
                  - id: b
                    provider: openai
                    providerModelId: b
                    tier: tier1
                    contextWindow: 1000
                    pricePerMillion: {input: 1, output: 2}
                    defaults: {temperature: 1.0, maxTokens: 100}
                    safeguards: default
                """;
        assertThatThrownBy(() -> load(yaml))
                .isInstanceOf(InvalidModelRegistry.class)
                .hasMessageContaining("provider 'openia'")
                .hasMessageContaining("tier 'tier9'")
                .hasMessageContaining("model 'b': pricesAsOf");
    }

    @Test
    void duplicateIdsDifferingOnlyInCaseAreRejected() {
        String model = """
                  - id: %s
                    provider: openai
                    providerModelId: x
                    tier: tier1
                    contextWindow: 1000
                    pricePerMillion: {input: 1, output: 2}
                    pricesAsOf: 2026-04-16
                    defaults: {temperature: 1.0, maxTokens: 100}
                    safeguards: default
                """;
        String yaml = """
                tiers:
                  tier1: {name: Basic, credits: 1}
                safeguards:
                  default: {minTemperature: 0.0, maxTemperature: 1.0, maxTokensCap: 4096}
                models:
                """ + model.formatted("Local-Model") + model.formatted("local-model");
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(InvalidModelRegistry.class).hasMessageContaining("defined twice");
    }

    @Test
    void aMisspeltKeyIsAnError() {
        String yaml = """
                tiers:
                  tier1: {name: Basic, credits: 1, credit: 2}
                """;
        assertThatThrownBy(() -> load(yaml)).isInstanceOf(InvalidModelRegistry.class).hasMessageContaining("credit");
    }

    @Test
    void anExtraFileAddsModelsUsingTheBuiltInTiers() {
        String extra = """
                models:
                  - id: llama3.1
                    provider: openai
                    providerModelId: llama3.1:8b
                    displayName: Llama 3.1 8B (Ollama)
                    tier: tier1
                    contextWindow: 128000
                    pricePerMillion: {input: 0, output: 0}
                    pricesAsOf: 2026-04-16
                    defaults: {temperature: 0.2, maxTokens: 2000}
                    safeguards: default
                """;
        ModelRegistry withExtra = new ModelRegistryLoader().load(List.of(
                new ModelRegistryLoader.Source("built-in", () -> getClass().getClassLoader()
                        .getResourceAsStream(ModelRegistryLoader.BUILT_IN)),
                new ModelRegistryLoader.Source("extra", () -> stream(extra))));
        assertThat(withExtra.resolve("LLAMA3.1").providerModelId()).isEqualTo("llama3.1:8b");
        assertThat(withExtra.ids()).contains("gpt-5-mini");
    }

    private static ModelRegistry load(String yaml) {
        return new ModelRegistryLoader().load(List.of(new ModelRegistryLoader.Source("test.yaml", () -> stream(yaml))));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
