package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls a real provider (OpenAI or any OpenAI-compatible server, Groq, Anthropic, Gemini) through LangChain4j
 * for a {@link Signature}.
 *
 * <p>Two kinds of retry, both bounded: transient failures (429, 5xx, refused connections, unreadable bodies)
 * are retried with exponential backoff, or after the provider's {@code Retry-After} when it sends one; an
 * answer that does not fit the signature is sent back to the model with the parse error, up to
 * {@code autoanalyst.llm.format-retries} times. Timeouts are not retried: a model that was too slow once is
 * likely to be again, and the user would wait several timeouts for nothing.
 *
 * <p>Usage rows: one per model response (each consumed tokens), and one for a call that failed without a
 * usable response; the time spent in transport retries is included in the row of the attempt that ended them.
 */
public class ProviderLlmClient implements LlmClient {

    private static final Logger log = LoggerFactory.getLogger(ProviderLlmClient.class);
    private static final Pattern PROVIDER_ERROR_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final ModelRegistry registry;
    private final LlmSettings settings;
    private final ProviderChatModels chatModels;
    private final UsageRecorder usage;
    private final SignaturePrompt prompts = new SignaturePrompt();
    private final SignatureOutputParser parser;

    public ProviderLlmClient(ModelRegistry registry, LlmSettings settings, ProviderChatModels chatModels,
                             UsageRecorder usage, JsonMapper json) {
        this.parser = new SignatureOutputParser(requireNonNull(json, "json"));
        this.registry = requireNonNull(registry, "registry");
        this.settings = requireNonNull(settings, "settings");
        this.chatModels = requireNonNull(chatModels, "chatModels");
        this.usage = requireNonNull(usage, "usage");
    }

    @Override
    public SignatureOutput complete(Signature signature, Map<String, String> inputs, CallContext context,
                                    CallOptions options) {
        requireNonNull(signature, "signature");
        requireNonNull(inputs, "inputs");
        requireNonNull(context, "context");
        requireNonNull(options, "options");
        if (options.model() == null) {
            throw new IllegalArgumentException("ProviderLlmClient needs an explicit model; LlmRouter picks the default");
        }
        ModelSpec model = registry.resolve(options.model());
        if (model.provider() == Provider.OFFLINE) {
            throw new IllegalArgumentException("model " + model.id() + " is answered by OfflineLlmClient");
        }
        SignaturePrompt.Rendered rendered = prompts.render(signature, inputs);
        int querySize = rendered.system().length() + rendered.user().length();
        String apiKey = context.userApiKey() != null
                ? context.userApiKey()
                : settings.provider(model.provider()).apiKey();
        if (apiKey == null && !settings.isConfigured(model.provider())) {
            String message = unavailableMessage(model);
            usage.record(model, context, signature.name(),
                    UsageRecorder.Outcome.failure(TokenCounts.NONE, querySize, 0, Duration.ZERO, message));
            throw new LlmUnavailable(message);
        }
        GenerationSettings generation = registry.applySafeguards(model.id(), options.temperature(), options.maxTokens());
        Duration timeout = options.timeout() != null ? options.timeout() : settings.timeout();
        ResponseFormat format = model.structuredOutput()
                ? ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(prompts.jsonSchema(signature)).build()
                : null;

        List<ChatMessage> messages = new ArrayList<>();
        messages.add(SystemMessage.from(rendered.system()));
        messages.add(UserMessage.from(rendered.user()));
        Call call = new Call(model, context, signature, apiKey, generation, timeout, options.cancellation());
        for (int attempt = 0; ; attempt++) {
            ChatResponse response = call.send(messages, format, querySize(messages));
            String text = response.aiMessage() == null ? null : response.aiMessage().text();
            TokenCounts tokens = tokens(response.tokenUsage());
            int responseSize = text == null ? 0 : text.length();
            try {
                Map<String, Object> fields = parser.parse(signature, text);
                usage.record(model, context, signature.name(),
                        UsageRecorder.Outcome.success(tokens, querySize(messages), responseSize, call.elapsed()));
                return new SignatureOutput(signature.name(), fields, model.id(), tokens);
            } catch (UnusableAnswer e) {
                String problem = response.finishReason() == FinishReason.LENGTH
                        ? "it was cut off at the length limit of " + generation.maxTokens() + " tokens, so "
                          + e.getMessage() + " Write a shorter answer."
                        : e.getMessage();
                boolean lastAttempt = attempt >= settings.formatRetries();
                String message = lastAttempt
                        ? "The model " + model.id() + " gave an answer that could not be used after " + (attempt + 1)
                          + " attempt" + (attempt == 0 ? "" : "s") + ": " + problem
                        : "Answer could not be used and was asked again: " + problem;
                usage.record(model, context, signature.name(), UsageRecorder.Outcome.failure(tokens,
                        querySize(messages), responseSize, call.elapsed(), message));
                if (lastAttempt) {
                    throw new LlmBadResponse(message);
                }
                messages.add(AiMessage.from(text == null || text.isBlank() ? "(empty answer)" : text));
                messages.add(UserMessage.from(prompts.correction(signature, problem)));
                call.restartClock();
            }
        }
    }

    /** The transport side of one signature call: sending, classifying failures, retrying, recording failures. */
    private final class Call {
        private final ModelSpec model;
        private final CallContext context;
        private final Signature signature;
        private final String apiKey;
        private final GenerationSettings generation;
        private final Duration timeout;
        private final CancellationToken cancellation;
        private long startNanos = System.nanoTime();

        Call(ModelSpec model, CallContext context, Signature signature, String apiKey, GenerationSettings generation,
             Duration timeout, CancellationToken cancellation) {
            this.model = model;
            this.context = context;
            this.signature = signature;
            this.apiKey = apiKey;
            this.generation = generation;
            this.timeout = timeout;
            this.cancellation = cancellation;
        }

        Duration elapsed() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        void restartClock() {
            startNanos = System.nanoTime();
        }

        ChatResponse send(List<ChatMessage> messages, ResponseFormat format, int querySize) {
            LlmSettings.Retry retry = settings.retry();
            for (int attempt = 1; ; attempt++) {
                if (cancellation.isCancelled() || Thread.currentThread().isInterrupted()) {
                    throw fail(new LlmCancelled("The request was cancelled."), querySize);
                }
                ProviderChatModels.Built built = chatModels.build(model, apiKey, generation, timeout, cancellation);
                ChatRequest.Builder request = ChatRequest.builder().messages(messages);
                if (format != null) {
                    request.responseFormat(format);
                }
                Failure failure;
                try {
                    return built.model().chat(request.build());
                } catch (RuntimeException e) {
                    ProviderHttpClient client = built.http().built();
                    failure = classify(e, client != null && client.received2xx());
                }
                if (failure.error() != null) {
                    throw fail(failure.error(), querySize);
                }
                Duration wait = failure.retryAfter() != null ? failure.retryAfter() : retry.backoff(attempt);
                if (failure.retryAfter() != null && failure.retryAfter().compareTo(retry.maxRetryAfter()) > 0) {
                    throw fail(new LlmRateLimited("The " + providerName() + " API is rate-limiting requests and asked to "
                            + "wait " + seconds(failure.retryAfter()) + " before trying again. Try again later or "
                            + "choose another model."), querySize);
                }
                if (attempt >= retry.maxAttempts()) {
                    throw fail(failure.exhausted(attempt), querySize);
                }
                log.info("{} call for {} failed ({}); retry {} of {} in {} ms", providerName(), model.id(),
                        failure.summary(), attempt, retry.maxAttempts() - 1, wait.toMillis());
                try {
                    if (cancellation.awaitCancellation(wait.toMillis())) {
                        throw fail(new LlmCancelled("The request was cancelled."), querySize);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw fail(new LlmCancelled("The request was cancelled."), querySize);
                }
            }
        }

        private LlmException fail(LlmException error, int querySize) {
            usage.record(model, context, signature.name(),
                    UsageRecorder.Outcome.failure(TokenCounts.NONE, querySize, 0, elapsed(), error.getMessage()));
            return error;
        }

        /**
         * Either a final error, or a retryable failure (with the provider's Retry-After if any) and the error to
         * give when retries run out.
         */
        private Failure classify(RuntimeException e, boolean received2xx) {
            ProviderTransportFailure transport = find(e, ProviderTransportFailure.class);
            if (transport != null) {
                return switch (transport.kind()) {
                    case CANCELLED -> Failure.fatal(new LlmCancelled("The request was cancelled."));
                    case TIMEOUT -> Failure.fatal(new LlmTimeout("The " + providerName() + " model " + model.id()
                            + " did not answer within " + seconds(timeout) + ". Try again, ask for less, or choose "
                            + "a faster model."));
                    case UNREACHABLE -> Failure.retryable("connection failed", null, attempts -> new LlmProviderFailed(
                            "Cannot reach the " + providerName() + " API at " + settings.baseUrl(model.provider())
                                    + " (tried " + attempts + " times). Check the server address and the network."));
                };
            }
            ProviderHttpFailure http = find(e, ProviderHttpFailure.class);
            if (http != null) {
                return classifyStatus(http);
            }
            if (received2xx) {
                return Failure.retryable("unreadable response", null, attempts -> new LlmBadResponse("The "
                        + providerName() + " API returned a response that could not be read (tried " + attempts
                        + " times)."));
            }
            // Anything else failed before a request went out: a bug or a bad configuration, not the provider.
            log.warn("{} call for {} failed before reaching the provider: {}", providerName(), model.id(),
                    e.getClass().getName());
            return Failure.fatal(new LlmProviderFailed("The call to the " + providerName() + " model " + model.id()
                    + " could not be made (" + e.getClass().getSimpleName() + "). Check the model settings."));
        }

        private Failure classifyStatus(ProviderHttpFailure http) {
            int status = http.statusCode();
            String body = http.body() == null ? "" : http.body();
            if (status == 401 || status == 403 || (status == 400 && body.contains("API_KEY_INVALID"))) {
                return Failure.fatal(new LlmAuthenticationFailed("The " + providerName() + " API rejected "
                        + keyDescription() + " (HTTP " + status + "). " + keyAdvice()));
            }
            if (status == 429) {
                return Failure.retryable("HTTP 429", http.retryAfter().orElse(null), attempts -> new LlmRateLimited(
                        "The " + providerName() + " API is rate-limiting requests (HTTP 429) and still was after "
                                + attempts + " attempts. Try again in a minute or choose another model."));
            }
            if (status >= 500 || status == 408) {
                return Failure.retryable("HTTP " + status, http.retryAfter().orElse(null), attempts ->
                        new LlmProviderFailed("The " + providerName() + " API failed with HTTP " + status + " "
                                + attempts + " times in a row. Try again later or choose another model."));
            }
            String detail = providerMessage(body).map(m -> ": " + m).orElse(".");
            if (status == 404) {
                return Failure.fatal(new LlmProviderFailed("The " + providerName() + " API does not know the model '"
                        + model.providerModelId() + "' (HTTP 404)" + detail));
            }
            return Failure.fatal(new LlmProviderFailed("The " + providerName() + " API refused the request (HTTP "
                    + status + ")" + detail));
        }

        /** The provider's own error text, shortened, with the key masked in case it was echoed. */
        private Optional<String> providerMessage(String body) {
            Matcher m = PROVIDER_ERROR_MESSAGE.matcher(body);
            if (!m.find()) {
                return Optional.empty();
            }
            String message = m.group(1).replace("\\\"", "\"").replace("\\n", " ");
            if (apiKey != null && !apiKey.isBlank()) {
                message = message.replace(apiKey, "***");
            }
            return Optional.of(message.length() > 300 ? message.substring(0, 300) + "..." : message);
        }

        private String keyDescription() {
            return context.userApiKey() != null ? "your own API key" : "the server's API key";
        }

        private String keyAdvice() {
            if (context.userApiKey() != null) {
                return "Check the key in your model settings.";
            }
            return "Check " + model.provider().keyEnvironmentVariable().orElse("the provider key") + ".";
        }

        private String providerName() {
            return model.provider().id();
        }
    }

    private record Failure(LlmException error, String summary, Duration retryAfter,
                           java.util.function.IntFunction<LlmException> whenExhausted) {
        static Failure fatal(LlmException error) {
            return new Failure(error, null, null, null);
        }

        static Failure retryable(String summary, Duration retryAfter,
                                 java.util.function.IntFunction<LlmException> whenExhausted) {
            return new Failure(null, summary, retryAfter, whenExhausted);
        }

        LlmException exhausted(int attempts) {
            return whenExhausted.apply(attempts);
        }
    }

    private static String unavailableMessage(ModelSpec model) {
        String variable = model.provider().keyEnvironmentVariable().orElseThrow();
        String extra = model.provider() == Provider.OPENAI
                ? " (or OPENAI_BASE_URL for an OpenAI-compatible server such as Ollama or vLLM)"
                : "";
        return "No API key is configured for " + model.provider().id() + " models such as " + model.id()
                + ". Set " + variable + extra + " on the server, add your own key in the model settings, or choose "
                + "another model (the offline analyst needs no key).";
    }

    private static TokenCounts tokens(TokenUsage usage) {
        if (usage == null) {
            return TokenCounts.NONE;
        }
        int prompt = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        int completion = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        int total = usage.totalTokenCount() == null ? prompt + completion : usage.totalTokenCount();
        return new TokenCounts(prompt, completion, total);
    }

    private static int querySize(List<ChatMessage> messages) {
        int size = 0;
        for (ChatMessage message : messages) {
            size += switch (message) {
                case SystemMessage s -> s.text().length();
                case UserMessage u -> u.singleText().length();
                case AiMessage a -> a.text() == null ? 0 : a.text().length();
                default -> 0;
            };
        }
        return size;
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        if (millis % 1000 == 0) {
            return (millis / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
