package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;

/** Anthropic's messages API. */
class AnthropicFakeServerTest extends FakeProviderContract {

    @Override
    String modelId() {
        return "claude-sonnet-4-6";
    }

    @Override
    Provider provider() {
        return Provider.ANTHROPIC;
    }

    @Override
    String chatPath() {
        return "/v1/messages";
    }

    @Override
    LlmSettings settings(String serverKey, LlmSettings.Retry retry, Duration timeout) {
        return new LlmSettings(null, null, timeout, Duration.ofSeconds(2), 2, retry, null,
                new LlmSettings.ProviderSettings(serverKey, baseUrl() + "/v1/"), null, null);
    }

    @Override
    String successBody(String text, int promptTokens, int completionTokens, boolean truncated) {
        return """
                {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant", "model": "claude-sonnet-4-6",
                 "content": [{"type": "text", "text": %s}],
                 "stop_reason": "%s", "stop_sequence": null,
                 "usage": {"input_tokens": %d, "output_tokens": %d, "cache_creation_input_tokens": 0,
                           "cache_read_input_tokens": 0}}
                """.formatted(JsonText.quote(text), truncated ? "max_tokens" : "end_turn", promptTokens, completionTokens);
    }

    @Override
    String errorBody(int status, String message) {
        String type = switch (status) {
            case 429 -> "rate_limit_error";
            case 500 -> "api_error";
            case 529 -> "overloaded_error";
            default -> "invalid_request_error";
        };
        return "{\"type\": \"error\", \"error\": {\"type\": \"" + type + "\", \"message\": \"" + message + "\"}}";
    }

    @Override
    ResponseDefinitionBuilder wrongKeyResponse() {
        return json(401, "{\"type\": \"error\", \"error\": {\"type\": \"authentication_error\", "
                + "\"message\": \"invalid x-api-key\"}}");
    }

    @Override
    String sentKey(LoggedRequest request) {
        return request.getHeader("x-api-key");
    }

    @Override
    void assertStructuredOutputRequested(String body) {
        // Anthropic is not asked for a schema (registry: structuredOutput false); the prompt describes the format.
        assertThat(body).doesNotContain("json_schema").contains("Answer with one JSON object and nothing else");
        assertThat(body).containsPattern("\"max_tokens\"\\s*:\\s*6000");
    }

    @Override
    String structuredAnswerText() {
        // Claude likes to introduce its JSON and fence it; the parser must cope.
        return "Here is the analysis:\n\n```json\n" + GOOD_ANSWER + "\n```";
    }
}
