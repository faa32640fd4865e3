package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;

/** OpenAI's chat completions API (also what Groq, Ollama, vLLM and llama.cpp speak). */
class OpenAiFakeServerTest extends FakeProviderContract {

    @Override
    String modelId() {
        return "gpt-5-mini";
    }

    @Override
    Provider provider() {
        return Provider.OPENAI;
    }

    @Override
    String chatPath() {
        return "/v1/chat/completions";
    }

    @Override
    LlmSettings settings(String serverKey, LlmSettings.Retry retry, Duration timeout) {
        // A base URL override alone enables OpenAI (keyless local servers), so the no-key case uses no override.
        String baseUrl = serverKey == null ? null : baseUrl() + "/v1";
        return new LlmSettings(null, null, timeout, Duration.ofSeconds(2), 2, retry,
                new LlmSettings.ProviderSettings(serverKey, baseUrl), null, null, null);
    }

    @Override
    String successBody(String text, int promptTokens, int completionTokens, boolean truncated) {
        return """
                {"id": "chatcmpl-abc123", "object": "chat.completion", "created": 1760000000, "model": "gpt-5-mini-2025-08-07",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s, "refusal": null},
                              "finish_reason": "%s"}],
                 "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d,
                           "completion_tokens_details": {"reasoning_tokens": 0}}}
                """.formatted(JsonText.quote(text), truncated ? "length" : "stop", promptTokens, completionTokens,
                promptTokens + completionTokens);
    }

    @Override
    String errorBody(int status, String message) {
        String type = status == 429 ? "requests" : status >= 500 ? "server_error" : "invalid_request_error";
        return "{\"error\": {\"message\": \"" + message + "\", \"type\": \"" + type + "\", \"param\": null, \"code\": null}}";
    }

    @Override
    ResponseDefinitionBuilder wrongKeyResponse() {
        // OpenAI echoes a masked form of the key; none of it may reach the user.
        return json(401, "{\"error\": {\"message\": \"Incorrect API key provided: sk-serve**********cdef. You can find "
                + "your API key at https://platform.openai.com/account/api-keys.\", \"type\": \"invalid_request_error\", "
                + "\"param\": null, \"code\": \"invalid_api_key\"}}");
    }

    @Override
    String sentKey(LoggedRequest request) {
        return request.getHeader("Authorization").replaceFirst("^Bearer ", "");
    }

    @Override
    void assertStructuredOutputRequested(String body) {
        assertThat(body).containsPattern("\"response_format\"\\s*:\\s*\\{\\s*\"type\"\\s*:\\s*\"json_schema\"");
        assertThat(body).containsPattern("\"strict\"\\s*:\\s*true");
        assertThat(body).containsPattern("\"required\"\\s*:\\s*\\[\\s*\"code\"\\s*,\\s*\"summary\"\\s*]");
        assertThat(body).containsPattern("\"max_completion_tokens\"\\s*:\\s*6000|\"max_completion_tokens\"\\s*:\\s*16000");
    }

    @Override
    String structuredAnswerText() {
        return GOOD_ANSWER;
    }
}
