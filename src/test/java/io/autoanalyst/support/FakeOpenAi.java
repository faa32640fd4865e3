package io.autoanalyst.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A scripted fake OpenAI server (WireMock on loopback, the real wire format) for tests that drive the
 * product end to end: each module's call is recognised by a phrase of its prompt and answered with the
 * JSON fields the module asks for, as a model's message would carry them. Still a {@link WireMockServer},
 * so a test can stub errors or check the requests it received.
 */
public final class FakeOpenAi extends WireMockServer {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FakeOpenAi() {
        super(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
    }

    /** A fake listening on a free loopback port. */
    public static FakeOpenAi started() {
        FakeOpenAi fake = new FakeOpenAi();
        fake.start();
        return fake;
    }

    /** The value for {@code autoanalyst.llm.openai.base-url}. */
    public String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** Answers every chat completion whose request contains {@code promptPhrase} with {@code fields}, after {@code delayMs}. */
    public void answer(String promptPhrase, Map<String, Object> fields, int delayMs) {
        stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(promptPhrase))
                .willReturn(completion(fields).withFixedDelay(delayMs)));
    }

    /** A chat completion whose message is {@code fields} as JSON text. */
    public static ResponseDefinitionBuilder completion(Map<String, Object> fields) {
        return completion(JSON.writeValueAsString(fields));
    }

    /** A chat completion whose message is {@code content} as it is (which need not be JSON). */
    public static ResponseDefinitionBuilder completion(String content) {
        String body = JSON.writeValueAsString(Map.of("id", "chatcmpl-1", "object", "chat.completion", "created", 1760000000,
                "model", "gpt-5-mini", "choices", List.of(Map.of("index", 0, "finish_reason", "stop",
                        "message", Map.of("role", "assistant", "content", content))),
                "usage", Map.of("prompt_tokens", 120, "completion_tokens", 40, "total_tokens", 160)));
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
