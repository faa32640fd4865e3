package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * The parsed output fields of one call: strings for text and code fields, {@code List<String>} for list
 * fields, compact JSON text for json fields.
 *
 * @param model  the registry id of the model that answered
 * @param tokens tokens of the final, successful response as the provider reported them
 */
public record SignatureOutput(String signatureName, Map<String, Object> fields, String model, TokenCounts tokens) {

    public SignatureOutput {
        requireNonNull(signatureName, "signatureName");
        fields = Map.copyOf(requireNonNull(fields, "fields"));
        requireNonNull(model, "model");
        requireNonNull(tokens, "tokens");
    }

    /** A text, code or json field as a string. */
    public String text(String field) {
        Object value = require(field);
        if (value instanceof List<?> list) {
            return String.join("\n", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String field) {
        Object value = require(field);
        if (value instanceof List<?> list) {
            return (List<String>) list;
        }
        return List.of(value.toString());
    }

    private Object require(String field) {
        Object value = fields.get(field);
        if (value == null) {
            throw new IllegalArgumentException("signature " + signatureName + " has no output field " + field);
        }
        return value;
    }
}
