package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;

/**
 * Builds the LangChain4j chat model for one call. Built per call because the key (server's or user's),
 * the generation settings and the cancellation token differ per call; the JDK HTTP client underneath is
 * shared, so building is cheap. LangChain4j's own retries are switched off: {@link ProviderLlmClient}
 * retries itself, honouring {@code Retry-After}.
 */
public class ProviderChatModels {

    private final LlmSettings settings;
    private final java.net.http.HttpClient http;

    public ProviderChatModels(LlmSettings settings) {
        this.settings = requireNonNull(settings, "settings");
        this.http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Providers speak HTTP/2 where they can; fake servers in tests speak HTTP/1.1 and the JDK
                // client negotiates down, so no version is forced.
                .build();
    }

    /** A chat model and the HTTP client it will use, to ask that client afterwards what happened. */
    record Built(ChatModel model, ProviderHttpClient.Builder http) {}

    /**
     * @param apiKey the key to send; null only for an OpenAI-compatible server that needs none
     */
    Built build(ModelSpec spec, String apiKey, GenerationSettings generation, Duration timeout,
                CancellationToken cancellation) {
        ProviderHttpClient.Builder httpBuilder = new ProviderHttpClient.Builder(http, cancellation);
        String baseUrl = settings.baseUrl(spec.provider());
        ChatModel model = switch (spec.provider()) {
            case OPENAI -> openAiBuilder()
                    .httpClientBuilder(httpBuilder)
                    .baseUrl(baseUrl)
                    .apiKey(apiKey)
                    .modelName(spec.providerModelId())
                    .temperature(generation.temperature())
                    // OpenAI's reasoning models (gpt-5*, o3) reject max_tokens and need max_completion_tokens.
                    .maxCompletionTokens(generation.maxTokens())
                    .strictJsonSchema(true)
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
            case GROQ -> openAiBuilder()
                    .httpClientBuilder(httpBuilder)
                    .baseUrl(baseUrl)
                    .apiKey(apiKey)
                    .modelName(spec.providerModelId())
                    .temperature(generation.temperature())
                    .maxTokens(generation.maxTokens())
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
            case ANTHROPIC -> AnthropicChatModel.builder()
                    .httpClientBuilder(httpBuilder)
                    .baseUrl(baseUrl)
                    .apiKey(apiKey)
                    .modelName(spec.providerModelId())
                    .temperature(generation.temperature())
                    .maxTokens(generation.maxTokens())
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
            case GEMINI -> GoogleAiGeminiChatModel.builder()
                    .httpClientBuilder(httpBuilder)
                    .baseUrl(baseUrl)
                    .apiKey(apiKey)
                    .modelName(spec.providerModelId())
                    .temperature(generation.temperature())
                    .maxOutputTokens(generation.maxTokens())
                    .timeout(timeout)
                    .maxRetries(0)
                    .build();
            case OFFLINE -> throw new IllegalArgumentException("the offline analyst is not reached over HTTP");
        };
        return new Built(model, httpBuilder);
    }

    /**
     * {@code OpenAiChatModel.builder()} asks the {@link java.util.ServiceLoader} for a builder factory on
     * every call, which looks through every jar on the class path (about a tenth of the server's own CPU
     * of a chat turn with an instant model); no such factory is on ours, so this is the builder it would
     * return anyway.
     */
    private static OpenAiChatModel.OpenAiChatModelBuilder openAiBuilder() {
        return new OpenAiChatModel.OpenAiChatModelBuilder();
    }
}
