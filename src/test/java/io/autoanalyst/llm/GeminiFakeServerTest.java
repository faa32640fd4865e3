package io.autoanalyst.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;

/** Google's Gemini generateContent API. */
class GeminiFakeServerTest extends FakeProviderContract {

    @Override
    String modelId() {
        return "gemini-3-flash";
    }

    @Override
    Provider provider() {
        return Provider.GEMINI;
    }

    @Override
    String chatPath() {
        return "/v1beta/models/gemini-3-flash:generateContent";
    }

    @Override
    LlmSettings settings(String serverKey, LlmSettings.Retry retry, Duration timeout) {
        return new LlmSettings(null, null, timeout, Duration.ofSeconds(2), 2, retry, null, null,
                new LlmSettings.ProviderSettings(serverKey, baseUrl() + "/v1beta"), null);
    }

    @Override
    String successBody(String text, int promptTokens, int completionTokens, boolean truncated) {
        return """
                {"candidates": [{"content": {"parts": [{"text": %s}], "role": "model"},
                                 "finishReason": "%s", "index": 0}],
                 "usageMetadata": {"promptTokenCount": %d, "candidatesTokenCount": %d, "totalTokenCount": %d},
                 "modelVersion": "gemini-3-flash", "responseId": "abc"}
                """.formatted(JsonText.quote(text), truncated ? "MAX_TOKENS" : "STOP", promptTokens, completionTokens,
                promptTokens + completionTokens);
    }

    @Override
    String errorBody(int status, String message) {
        String s = switch (status) {
            case 429 -> "RESOURCE_EXHAUSTED";
            case 500 -> "INTERNAL";
            case 503 -> "UNAVAILABLE";
            default -> "INVALID_ARGUMENT";
        };
        return "{\"error\": {\"code\": " + status + ", \"message\": \"" + message + "\", \"status\": \"" + s + "\"}}";
    }

    @Override
    ResponseDefinitionBuilder wrongKeyResponse() {
        // Gemini answers a wrong key with 400, not 401; the reason API_KEY_INVALID tells them apart.
        return json(400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                  "status": "INVALID_ARGUMENT",
                  "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
                               "domain": "googleapis.com", "metadata": {"service": "generativelanguage.googleapis.com"}}]}}
                """);
    }

    @Override
    String sentKey(LoggedRequest request) {
        String header = request.getHeader("x-goog-api-key");
        return header != null ? header : request.queryParameter("key").firstValue();
    }

    @Override
    void assertStructuredOutputRequested(String body) {
        assertThat(body).containsPattern("\"responseMimeType\"\\s*:\\s*\"application/json\"");
        assertThat(body).containsPattern("\"response(Json)?Schema\"");
        assertThat(body).containsPattern("\"maxOutputTokens\"\\s*:\\s*6000");
    }

    @Override
    String structuredAnswerText() {
        return GOOD_ANSWER;
    }
}
