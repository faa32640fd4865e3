package io.autoanalyst.llm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Provider keys, endpoints, timeouts and retry limits, bound from {@code autoanalyst.llm.*}. The defaults
 * (and the environment variables they read) are in {@code llm/llm-defaults.properties}.
 *
 * @param defaultModel     the model used when a call names none (env {@code MODEL_NAME}); blank means: the
 *                         first configured provider's usual model, else the offline analyst
 * @param extraModelsFile  an optional registry file with more models in the same format (for example local
 *                         models behind {@code OPENAI_BASE_URL})
 * @param timeout          how long one request to a provider may take
 * @param formatRetries    how many times a model is asked again after an answer that cannot be parsed
 */
@ConfigurationProperties(prefix = "autoanalyst.llm")
public record LlmSettings(
        String defaultModel,
        String extraModelsFile,
        Duration timeout,
        Duration connectTimeout,
        int formatRetries,
        Retry retry,
        ProviderSettings openai,
        ProviderSettings anthropic,
        ProviderSettings gemini,
        ProviderSettings groq) {

    public LlmSettings {
        defaultModel = blankToNull(defaultModel);
        extraModelsFile = blankToNull(extraModelsFile);
        timeout = positiveOr(timeout, Duration.ofSeconds(120), "timeout");
        connectTimeout = positiveOr(connectTimeout, Duration.ofSeconds(10), "connectTimeout");
        if (formatRetries < 0) {
            throw new IllegalArgumentException("autoanalyst.llm.format-retries cannot be negative");
        }
        retry = retry == null ? Retry.DEFAULT : retry;
        openai = openai == null ? new ProviderSettings(null, null) : openai;
        anthropic = anthropic == null ? new ProviderSettings(null, null) : anthropic;
        gemini = gemini == null ? new ProviderSettings(null, null) : gemini;
        groq = groq == null ? new ProviderSettings(null, null) : groq;
    }

    /** Settings with no keys at all: every call goes to the offline analyst. */
    public static LlmSettings withoutKeys() {
        return new LlmSettings(null, null, null, null, 2, null, null, null, null, null);
    }

    public ProviderSettings provider(Provider provider) {
        return switch (provider) {
            case OPENAI -> openai;
            case ANTHROPIC -> anthropic;
            case GEMINI -> gemini;
            case GROQ -> groq;
            case OFFLINE -> throw new IllegalArgumentException("the offline analyst has no provider settings");
        };
    }

    /**
     * Whether calls to this provider can be made with the server's own configuration. An OpenAI-compatible
     * server named by {@code OPENAI_BASE_URL} (Ollama, vLLM, llama.cpp) usually needs no key, so a base-URL
     * override alone enables OpenAI.
     */
    public boolean isConfigured(Provider provider) {
        if (provider == Provider.OFFLINE) {
            return true;
        }
        ProviderSettings p = provider(provider);
        return p.hasApiKey() || (provider == Provider.OPENAI && p.baseUrlOverridden());
    }

    /** The base URL for a provider's requests: the override when set, else its public endpoint. */
    public String baseUrl(Provider provider) {
        ProviderSettings p = provider(provider);
        return p.baseUrlOverridden() ? p.baseUrl() : provider.publicBaseUrl();
    }

    /**
     * Retries of transient provider failures (429, 5xx, unreadable bodies, refused connections).
     *
     * @param maxAttempts    attempts in total, the first included
     * @param maxRetryAfter  the longest {@code Retry-After} honoured; a provider asking for more is reported as
     *                       rate-limited at once rather than holding the user's request
     */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {
        public static final Retry DEFAULT =
                new Retry(3, Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(60));

        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("autoanalyst.llm.retry.max-attempts must be at least 1");
            }
            initialBackoff = nonNegativeOr(initialBackoff, Duration.ofSeconds(1), "retry.initialBackoff");
            maxBackoff = nonNegativeOr(maxBackoff, Duration.ofSeconds(20), "retry.maxBackoff");
            maxRetryAfter = nonNegativeOr(maxRetryAfter, Duration.ofSeconds(60), "retry.maxRetryAfter");
        }

        /** The wait before retry number {@code retry} (1-based) when the provider gave no Retry-After. */
        public Duration backoff(int retry) {
            long millis = initialBackoff.toMillis() << Math.min(20, Math.max(0, retry - 1));
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /**
     * One provider's key and endpoint override. {@link #toString()} never shows the key.
     *
     * @param baseUrl where requests go instead of the provider's public endpoint (a fake server in tests,
     *                Ollama/vLLM/llama.cpp for OpenAI); null for the public endpoint
     */
    public record ProviderSettings(String apiKey, String baseUrl) {
        public ProviderSettings {
            apiKey = blankToNull(apiKey);
            baseUrl = blankToNull(baseUrl);
        }

        public boolean hasApiKey() {
            return apiKey != null;
        }

        public boolean baseUrlOverridden() {
            return baseUrl != null;
        }

        @Override
        public String toString() {
            return "ProviderSettings[apiKey=" + (apiKey == null ? "unset" : "set") + ", baseUrl="
                    + (baseUrl == null ? "default" : baseUrl) + "]";
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static Duration positiveOr(Duration d, Duration fallback, String name) {
        if (d == null) {
            return fallback;
        }
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("autoanalyst.llm." + name + " must be positive");
        }
        return d;
    }

    private static Duration nonNegativeOr(Duration d, Duration fallback, String name) {
        if (d == null) {
            return fallback;
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException("autoanalyst.llm." + name + " cannot be negative");
        }
        return d;
    }
}
