package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

/**
 * What a provider accepts for a model: reasoning models take only temperature 1 (forced), the others
 * a range (clamped), and every model has a ceiling on the completion length.
 *
 * @param forcedTemperature the only temperature the model accepts, or null when it accepts a range
 */
public record Safeguard(String name, Double forcedTemperature, double minTemperature, double maxTemperature,
                        int maxTokensCap) {

    public Safeguard {
        requireNonNull(name, "name");
        if (forcedTemperature == null && minTemperature > maxTemperature) {
            throw new IllegalArgumentException("safeguard " + name + ": minTemperature is above maxTemperature");
        }
        if (maxTokensCap <= 0) {
            throw new IllegalArgumentException("safeguard " + name + ": maxTokensCap must be positive");
        }
    }

    public static Safeguard forced(String name, double temperature, int maxTokensCap) {
        return new Safeguard(name, temperature, temperature, temperature, maxTokensCap);
    }

    public static Safeguard clamped(String name, double min, double max, int maxTokensCap) {
        return new Safeguard(name, null, min, max, maxTokensCap);
    }

    public boolean forcesTemperature() {
        return forcedTemperature != null;
    }

    public double temperature(double requested) {
        if (forcedTemperature != null) {
            return forcedTemperature;
        }
        return Math.max(minTemperature, Math.min(maxTemperature, requested));
    }

    public int maxTokens(int requested) {
        return Math.max(1, Math.min(maxTokensCap, requested));
    }
}
