package io.autoanalyst.llm;

/** The temperature and completion-length limit actually sent to a provider, after the safeguards. */
public record GenerationSettings(double temperature, int maxTokens) {
    public GenerationSettings {
        if (Double.isNaN(temperature) || temperature < 0) {
            throw new IllegalArgumentException("temperature must be a non-negative number");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive");
        }
    }
}
