package io.autoanalyst.llm;

import org.springframework.stereotype.Component;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads JSON that a model wrote, which is often Python-literal style: single quotes, unquoted
 * property names, trailing commas. The application's mapper with those reads allowed; only for
 * model output, never for what clients send.
 */
@Component
public final class LenientJson {

    private final JsonMapper lenient;

    public LenientJson(JsonMapper json) {
        this.lenient = json.rebuild()
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .enable(JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
                .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
                .build();
    }

    /** @throws tools.jackson.core.JacksonException when the text is not JSON even so */
    public JsonNode readTree(String text) {
        return lenient.readTree(text);
    }

    public ObjectNode createObjectNode() {
        return lenient.createObjectNode();
    }
}
