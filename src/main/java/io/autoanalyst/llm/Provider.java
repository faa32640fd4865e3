package io.autoanalyst.llm;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who serves a model, and which environment variable holds the server's key for it. */
public enum Provider {
    OPENAI("openai", "OPENAI_API_KEY", "https://api.openai.com/v1"),
    ANTHROPIC("anthropic", "ANTHROPIC_API_KEY", "https://api.anthropic.com/v1/"),
    GEMINI("gemini", "GEMINI_API_KEY", "https://generativelanguage.googleapis.com/v1beta"),
    /** Reached as an OpenAI-compatible server at Groq's base URL. */
    GROQ("groq", "GROQ_API_KEY", "https://api.groq.com/openai/v1"),
    /** The built-in rule-based analyst: needs no key and no network. */
    OFFLINE("offline", null, null);

    private final String id;
    private final String keyEnvironmentVariable;
    private final String publicBaseUrl;

    Provider(String id, String keyEnvironmentVariable, String publicBaseUrl) {
        this.id = id;
        this.keyEnvironmentVariable = keyEnvironmentVariable;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** The provider's public API endpoint, used unless a base URL override is configured. */
    public String publicBaseUrl() {
        return publicBaseUrl;
    }

    /** The lower-case name used in the registry file, in {@code model_usage.provider} and in the HTTP API. */
    public String id() {
        return id;
    }

    /** The environment variable an operator sets to enable this provider; empty for the offline analyst. */
    public Optional<String> keyEnvironmentVariable() {
        return Optional.ofNullable(keyEnvironmentVariable);
    }

    public static Optional<Provider> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.id.equals(wanted)).findFirst();
    }
}
