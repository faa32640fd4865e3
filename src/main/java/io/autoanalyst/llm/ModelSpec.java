package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One entry of the model registry.
 *
 * @param id                  the key users and the HTTP API use (e.g. {@code gpt-5-mini})
 * @param providerModelId     the name the provider's API expects
 * @param pricesAsOf          the day the prices were taken from the provider's price list
 * @param structuredOutput    whether the provider is asked to enforce a JSON schema on answers
 * @param capabilities        what the model can be asked to do (the offline analyst cannot repair code)
 */
public record ModelSpec(
        String id,
        Provider provider,
        String providerModelId,
        String displayName,
        Tier tier,
        int contextWindow,
        BigDecimal inputPricePerMillion,
        BigDecimal outputPricePerMillion,
        LocalDate pricesAsOf,
        GenerationSettings defaults,
        Safeguard safeguard,
        boolean structuredOutput,
        ModelCapabilities capabilities) {

    public ModelSpec {
        requireNonNull(id, "id");
        requireNonNull(provider, "provider");
        requireNonNull(providerModelId, "providerModelId");
        requireNonNull(displayName, "displayName");
        requireNonNull(tier, "tier");
        requireNonNull(inputPricePerMillion, "inputPricePerMillion");
        requireNonNull(outputPricePerMillion, "outputPricePerMillion");
        requireNonNull(pricesAsOf, "pricesAsOf");
        requireNonNull(defaults, "defaults");
        requireNonNull(safeguard, "safeguard");
        requireNonNull(capabilities, "capabilities");
        if (inputPricePerMillion.signum() < 0 || outputPricePerMillion.signum() < 0) {
            throw new IllegalArgumentException("model " + id + ": prices cannot be negative");
        }
        if (contextWindow < 0) {
            throw new IllegalArgumentException("model " + id + ": contextWindow cannot be negative");
        }
    }
}
