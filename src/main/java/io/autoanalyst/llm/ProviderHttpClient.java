package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP client LangChain4j's chat models use here, built per call over one shared JDK client. It exists
 * for three things LangChain4j's own client does not do: it keeps {@code Retry-After}, it aborts the exchange
 * when the caller's {@link CancellationToken} fires, and it remembers whether a 2xx arrived, so that a failure
 * after that is known to be an unreadable response rather than a transport error.
 */
final class ProviderHttpClient implements HttpClient {

    private final java.net.http.HttpClient delegate;
    private final Duration readTimeout;
    private final CancellationToken cancellation;
    private final AtomicBoolean received2xx = new AtomicBoolean();

    private ProviderHttpClient(java.net.http.HttpClient delegate, Duration readTimeout, CancellationToken cancellation) {
        this.delegate = delegate;
        this.readTimeout = readTimeout;
        this.cancellation = cancellation;
    }

    /** Whether the provider answered 2xx, so that any later failure lies in reading its body. */
    boolean received2xx() {
        return received2xx.get();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> exchange =
                delegate.sendAsync(toJdkRequest(request), HttpResponse.BodyHandlers.ofByteArray());
        Runnable unregister = cancellation.onCancel(() -> exchange.cancel(true));
        try {
            HttpResponse<byte[]> response = exchange.get();
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (response.statusCode() < 200 || response.statusCode() >= 300) {
                throw new ProviderHttpFailure(response.statusCode(), body, retryAfter(response.headers()));
            }
            received2xx.set(true);
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers().map())
                    .body(response.body())
                    .build();
        } catch (CancellationException e) {
            throw new ProviderTransportFailure(ProviderTransportFailure.Kind.CANCELLED, "cancelled");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderTransportFailure(ProviderTransportFailure.Kind.CANCELLED, "interrupted");
        } catch (ExecutionException e) {
            throw transportFailure(e.getCause());
        } finally {
            unregister.run();
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        CompletableFuture<HttpResponse<InputStream>> exchange =
                delegate.sendAsync(toJdkRequest(request), HttpResponse.BodyHandlers.ofInputStream());
        Runnable unregister = cancellation.onCancel(() -> exchange.cancel(true));
        exchange.whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    listener.onError(failure instanceof CancellationException
                            ? new ProviderTransportFailure(ProviderTransportFailure.Kind.CANCELLED, "cancelled")
                            : transportFailure(failure.getCause() != null ? failure.getCause() : failure));
                    return;
                }
                try (InputStream body = response.body()) {
                    if (response.statusCode() < 200 || response.statusCode() >= 300) {
                        listener.onError(new ProviderHttpFailure(response.statusCode(),
                                new String(body.readAllBytes(), StandardCharsets.UTF_8), retryAfter(response.headers())));
                        return;
                    }
                    received2xx.set(true);
                    listener.onOpen(SuccessfulHttpResponse.builder()
                            .statusCode(response.statusCode())
                            .headers(response.headers().map())
                            .build());
                    parser.parse(body, listener);
                    listener.onClose();
                } catch (IOException e) {
                    listener.onError(transportFailure(e));
                }
            } finally {
                unregister.run();
            }
        });
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            // Chat completions are JSON; multipart is for audio and image endpoints, which this package does not call.
            throw new IllegalArgumentException("multipart requests are not supported by the provider HTTP client");
        }
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        builder.method(request.method().name(), request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        return builder.build();
    }

    private static ProviderTransportFailure transportFailure(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return new ProviderTransportFailure(ProviderTransportFailure.Kind.TIMEOUT, "timed out");
        }
        if (cause instanceof CancellationException) {
            return new ProviderTransportFailure(ProviderTransportFailure.Kind.CANCELLED, "cancelled");
        }
        return new ProviderTransportFailure(ProviderTransportFailure.Kind.UNREACHABLE,
                cause == null ? "connection failed" : cause.getClass().getSimpleName());
    }

    /** {@code retry-after-ms} (OpenAI), else {@code Retry-After} in seconds or as an HTTP date. */
    static Duration retryAfter(HttpHeaders headers) {
        var millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.get().trim())));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        var value = headers.firstValue("retry-after");
        if (value.isEmpty()) {
            return null;
        }
        String v = value.get().trim();
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** Builds one client per call (cheap: the JDK client underneath is shared). */
    static final class Builder implements HttpClientBuilder {
        private final java.net.http.HttpClient delegate;
        private final CancellationToken cancellation;
        private Duration connectTimeout;
        private Duration readTimeout;
        private ProviderHttpClient built;

        Builder(java.net.http.HttpClient delegate, CancellationToken cancellation) {
            this.delegate = requireNonNull(delegate, "delegate");
            this.cancellation = requireNonNull(cancellation, "cancellation");
        }

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        /** Recorded only: the shared JDK client has its connect timeout fixed at start-up. */
        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        @Override
        public ProviderHttpClient build() {
            built = new ProviderHttpClient(delegate, readTimeout, cancellation);
            return built;
        }

        /** The client the chat model built, to ask it afterwards whether a 2xx arrived. */
        ProviderHttpClient built() {
            return built;
        }
    }
}
