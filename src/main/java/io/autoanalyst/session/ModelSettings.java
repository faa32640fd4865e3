package io.autoanalyst.session;

/**
 * The model a session's LLM calls use. {@code apiKey} is the user's own key, if they gave one:
 * used for their calls only and never sent back to any client.
 */
public record ModelSettings(String provider, String model, double temperature, int maxTokens, String apiKey) {

    public boolean hasCustomKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return "ModelSettings[" + provider + "/" + model + ", temperature=" + temperature + ", maxTokens=" + maxTokens
                + ", customKey=" + hasCustomKey() + "]";
    }
}
