package io.autoanalyst.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * The behaviour every provider must show, tested against a fake server on loopback that speaks the provider's
 * real wire format. Subclasses supply the format; the assertions are the same for all.
 */
abstract class FakeProviderContract {

    static final String SERVER_KEY = "sk-server-0123456789abcdef";
    static final String USER_KEY = "sk-user-fedcba9876543210";

    static final Signature AGENT = new Signature("statistical_analytics_agent",
            "You write pandas code that answers the user's goal on the given dataset.",
            List.of(Signature.Field.text("goal", "what the user wants to know"),
                    Signature.Field.text("dataset", "the dataset's variable name and columns")),
            List.of(Signature.Field.code("code", "Python code using the dataset variable"),
                    Signature.Field.text("summary", "a short markdown explanation")));

    static final Map<String, String> INPUTS = Map.of("goal", "average price by furnishingstatus",
            "dataset", "variable `df`, columns price (int), furnishingstatus (str)");

    static final String GOOD_ANSWER = "{\"code\": \"print(df.groupby('furnishingstatus')['price'].mean())\", "
            + "\"summary\": \"Mean price per furnishing status.\"}";

    @TempDir
    Path dir;

    WireMockServer server;
    SqliteTestDatabase db;
    UsageRepository usage;
    ModelRegistry registry;
    long userId;
    long chatId;

    /** The registry id of the model under test. */
    abstract String modelId();

    abstract Provider provider();

    /** The path the chat call is POSTed to. */
    abstract String chatPath();

    /** A successful response carrying {@code text} and the given usage, in the provider's format. */
    abstract String successBody(String text, int promptTokens, int completionTokens, boolean truncated);

    /** The provider's body for an error status. */
    abstract String errorBody(int status, String message);

    /** The status and body with which the provider rejects a wrong key. */
    abstract ResponseDefinitionBuilder wrongKeyResponse();

    /** The key as it arrived in the request. */
    abstract String sentKey(LoggedRequest request);

    /** Checks that the request asked for structured output where the provider supports it. */
    abstract void assertStructuredOutputRequested(String requestBody);

    /** The answer text the structured-output test has the fake return. */
    abstract String structuredAnswerText();

    @BeforeEach
    void startFakeServer() throws Exception {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        db = new SqliteTestDatabase(dir);
        usage = new UsageRepository(db.jdbc);
        registry = new ModelRegistryLoader().loadBuiltIn();
        userId = db.insertUser("tester");
        chatId = db.insertChat(userId);
    }

    @AfterEach
    void stopFakeServer() {
        server.stop();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Settings pointing this provider at the fake, with fast backoff so tests do not sleep needlessly. */
    abstract LlmSettings settings(String serverKey, LlmSettings.Retry retry, Duration timeout);

    LlmSettings.Retry fastRetry() {
        return new LlmSettings.Retry(3, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5));
    }

    ProviderLlmClient client(String serverKey) {
        return client(settings(serverKey, fastRetry(), Duration.ofSeconds(10)));
    }

    ProviderLlmClient client(LlmSettings settings) {
        return new ProviderLlmClient(registry, settings, new ProviderChatModels(settings),
                new UsageRecorder(usage, registry, Clock.systemUTC()), JsonMapper.shared());
    }

    CallContext context() {
        return new CallContext(userId, chatId, "session-1", null, null);
    }

    SignatureOutput call(ProviderLlmClient client) {
        return client.complete(AGENT, INPUTS, context(), CallOptions.model(modelId()));
    }

    void respond(ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo(chatPath())).willReturn(response));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    List<UsageRecord> rows() {
        return usage.findBySession("session-1");
    }

    BigDecimal expectedCost(int prompt, int completion) {
        return registry.cost(modelId(), prompt, completion);
    }

    /** WireMock journals a delayed request only once it has answered it; wait for that. */
    List<LoggedRequest> requestsOnceServed() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (requests().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return requests();
    }

    List<LoggedRequest> requests() {
        return server.findAll(postRequestedFor(urlPathEqualTo(chatPath())));
    }

    @Test
    void aNormalCallReturnsTheParsedFieldsAndRecordsTheReportedTokens() {
        respond(json(200, successBody(GOOD_ANSWER, 321, 45, false)));

        SignatureOutput output = call(client(SERVER_KEY));

        assertThat(output.text("code")).isEqualTo("print(df.groupby('furnishingstatus')['price'].mean())");
        assertThat(output.text("summary")).isEqualTo("Mean price per furnishing status.");
        assertThat(output.tokens()).isEqualTo(new TokenCounts(321, 45, 366));
        assertThat(sentKey(requests().getFirst())).isEqualTo(SERVER_KEY);
        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.successful()).isTrue();
            assertThat(row.modelName()).isEqualTo(modelId());
            assertThat(row.provider()).isEqualTo(provider().id());
            assertThat(row.agentName()).isEqualTo("statistical_analytics_agent");
            assertThat(row.userId()).isEqualTo(userId);
            assertThat(row.chatId()).isEqualTo(chatId);
            assertThat(row.promptTokens()).isEqualTo(321);
            assertThat(row.completionTokens()).isEqualTo(45);
            assertThat(row.totalTokens()).isEqualTo(366);
            assertThat(row.cost()).isEqualByComparingTo(expectedCost(321, 45)).isPositive();
            assertThat(row.responseSize()).isEqualTo(GOOD_ANSWER.length());
            assertThat(row.querySize()).isGreaterThan(INPUTS.get("goal").length());
            assertThat(row.streaming()).isFalse();
            assertThat(row.errorMessage()).isNull();
        });
    }

    @Test
    void structuredOutputIsRequestedWhereSupportedAndParsed() {
        respond(json(200, successBody(structuredAnswerText(), 100, 20, false)));

        SignatureOutput output = call(client(SERVER_KEY));

        assertStructuredOutputRequested(requests().getFirst().getBodyAsString());
        assertThat(output.text("code")).contains("groupby('furnishingstatus')");
        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.successful()).isTrue();
            assertThat(row.cost()).isEqualByComparingTo(expectedCost(100, 20));
        });
    }

    @Test
    void aUsersOwnKeyReplacesTheServerKey() {
        respond(json(200, successBody(GOOD_ANSWER, 10, 5, false)));

        client(SERVER_KEY).complete(AGENT, INPUTS, new CallContext(userId, chatId, "session-1", null, USER_KEY),
                CallOptions.model(modelId()));

        assertThat(sentKey(requests().getFirst())).isEqualTo(USER_KEY);
    }

    @Test
    void rateLimitIsRetriedAfterTheProvidersRetryAfter() {
        server.stubFor(post(urlPathEqualTo(chatPath())).inScenario("429").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, errorBody(429, "Rate limit reached")).withHeader("Retry-After", "1"))
                .willSetStateTo("recovered"));
        server.stubFor(post(urlPathEqualTo(chatPath())).inScenario("429").whenScenarioStateIs("recovered")
                .willReturn(json(200, successBody(GOOD_ANSWER, 200, 30, false))));

        long start = System.nanoTime();
        SignatureOutput output = call(client(SERVER_KEY));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(output.text("summary")).isNotBlank();
        assertThat(requests()).hasSize(2);
        // Backoff alone is 10 ms here: only honouring Retry-After explains a wait of a second.
        assertThat(elapsedMs).isGreaterThanOrEqualTo(950);
        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.successful()).isTrue();
            assertThat(row.promptTokens()).isEqualTo(200);
            assertThat(row.cost()).isEqualByComparingTo(expectedCost(200, 30));
            assertThat(row.requestTimeMs()).isGreaterThanOrEqualTo(950);
        });
    }

    @Test
    void aRetryAfterLongerThanAllowedFailsAtOnceAsRateLimited() {
        respond(json(429, errorBody(429, "Rate limit reached")).withHeader("Retry-After", "3600"));

        assertThatThrownBy(() -> call(client(SERVER_KEY)))
                .isInstanceOf(LlmRateLimited.class)
                .hasMessageContaining("3600 s");
        assertThat(requests()).hasSize(1);
        assertThat(rows()).singleElement().satisfies(row -> assertThat(row.successful()).isFalse());
    }

    @Test
    void serverErrorsAreRetriedThenReportedClearly() {
        respond(json(500, errorBody(500, "Internal error")));

        assertThatThrownBy(() -> call(client(SERVER_KEY)))
                .isInstanceOf(LlmProviderFailed.class)
                .hasMessage("The " + provider().id() + " API failed with HTTP 500 3 times in a row. "
                        + "Try again later or choose another model.");
        assertThat(requests()).hasSize(3);
        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.successful()).isFalse();
            assertThat(row.errorMessage()).contains("HTTP 500");
            assertThat(row.totalTokens()).isZero();
            assertThat(row.cost()).isEqualByComparingTo("0");
        });
    }

    @Test
    void aSlowProviderTimesOutWithoutRetrying() {
        respond(json(200, successBody(GOOD_ANSWER, 1, 1, false)).withFixedDelay(1500));

        // no clock needed: had the client waited for the answer (1.5 s), the call would have succeeded
        assertThatThrownBy(() -> client(SERVER_KEY).complete(AGENT, INPUTS, context(),
                CallOptions.model(modelId()).withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(LlmTimeout.class)
                .hasMessageContaining("did not answer within 0.3 s");
        assertThat(requestsOnceServed()).hasSize(1);
        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.successful()).isFalse();
            assertThat(row.errorMessage()).contains("did not answer");
        });
    }

    @Test
    void aMalformedBodyIsRetriedThenReportedAsABadResponse() {
        respond(json(200, successBody(GOOD_ANSWER, 1, 1, false).substring(0, 25)));

        assertThatThrownBy(() -> call(client(SERVER_KEY)))
                .isInstanceOf(LlmBadResponse.class)
                .hasMessageContaining("could not be read");
        assertThat(requests()).hasSize(3);
        assertThat(rows()).singleElement().satisfies(row -> assertThat(row.successful()).isFalse());
    }

    @Test
    void aTruncatedAnswerIsAskedAgainThenReported() {
        String cutOff = GOOD_ANSWER.substring(0, 40);
        respond(json(200, successBody(cutOff, 500, 60, true)));

        assertThatThrownBy(() -> call(client(SERVER_KEY)))
                .isInstanceOf(LlmBadResponse.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("cut off at the length limit");
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(3);
        // The model is shown what was wrong with its answer.
        assertThat(requests.get(1).getBodyAsString()).contains("could not be used").contains("cut off");
        assertThat(rows()).hasSize(3).allSatisfy(row -> {
            assertThat(row.successful()).isFalse();
            assertThat(row.promptTokens()).isEqualTo(500);
            assertThat(row.completionTokens()).isEqualTo(60);
            assertThat(row.cost()).isEqualByComparingTo(expectedCost(500, 60));
        });
    }

    @Test
    void anAnswerMissingAFieldIsCorrectedByTheModel() {
        server.stubFor(post(urlPathEqualTo(chatPath())).inScenario("fix").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(200, successBody("{\"code\": \"print(1)\"}", 300, 10, false)))
                .willSetStateTo("corrected"));
        server.stubFor(post(urlPathEqualTo(chatPath())).inScenario("fix").whenScenarioStateIs("corrected")
                .willReturn(json(200, successBody(GOOD_ANSWER, 400, 40, false))));

        SignatureOutput output = call(client(SERVER_KEY));

        assertThat(output.text("summary")).isEqualTo("Mean price per furnishing status.");
        assertThat(requests().get(1).getBodyAsString()).contains("the field \\\"summary\\\" is missing");
        assertThat(rows()).hasSize(2);
        assertThat(rows().get(0).successful()).isFalse();
        assertThat(rows().get(0).cost()).isEqualByComparingTo(expectedCost(300, 10));
        assertThat(rows().get(1).successful()).isTrue();
        assertThat(rows().get(1).cost()).isEqualByComparingTo(expectedCost(400, 40));
    }

    @Test
    void aWrongKeyFailsAtOnceWithAClearMessageThatHoldsNoKey() {
        respond(wrongKeyResponse());

        assertThatThrownBy(() -> call(client(SERVER_KEY)))
                .isInstanceOf(LlmAuthenticationFailed.class)
                .hasMessageContaining("rejected the server's API key")
                .hasMessageContaining(provider().keyEnvironmentVariable().orElseThrow())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SERVER_KEY).doesNotContain("0123456789"))
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
        assertThat(requests()).hasSize(1);
        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.successful()).isFalse();
            assertThat(row.errorMessage()).doesNotContain(SERVER_KEY);
        });
    }

    @Test
    void noConfiguredKeyMeansUnavailableNamingTheVariableToSet() {
        assertThatThrownBy(() -> call(client((String) null)))
                .isInstanceOf(LlmUnavailable.class)
                .hasMessageContaining("Set " + provider().keyEnvironmentVariable().orElseThrow());
        assertThat(requests()).isEmpty();
        assertThat(rows()).singleElement().satisfies(row -> assertThat(row.successful()).isFalse());
    }

    @Test
    void aCancelledCallStopsWaitingAndIsRecordedAsCancelled() {
        respond(json(200, successBody(GOOD_ANSWER, 1, 1, false)).withFixedDelay(5000));
        CancellationToken token = new CancellationToken();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try {
            scheduler.schedule(token::cancel, 300, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            assertThatThrownBy(() -> client(SERVER_KEY).complete(AGENT, INPUTS, context(),
                    CallOptions.model(modelId()).withCancellation(token)))
                    .isInstanceOf(LlmCancelled.class);

            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
        } finally {
            scheduler.shutdownNow();
        }
        assertThat(rows()).singleElement().satisfies(row -> {
            assertThat(row.successful()).isFalse();
            assertThat(row.errorMessage()).contains("cancelled");
        });
    }
}
