package io.autoanalyst.runtime;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The {@code data} of a Jupyter display: MIME type to content. Text types hold a JSON string,
 * JSON types ({@code application/vnd.plotly.v1+json}, {@code application/vnd.dataresource+json})
 * hold the JSON value itself, images hold base64.
 */
public record MimeBundle(Map<String, JsonNode> data) {

    public static final String PLAIN = "text/plain";
    public static final String HTML = "text/html";
    public static final String PNG = "image/png";
    public static final String PLOTLY = "application/vnd.plotly.v1+json";
    public static final String TABLE = "application/vnd.dataresource+json";

    public MimeBundle {
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(data, "data")));
    }

    static MimeBundle of(JsonNode data) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        if (data != null && data.isObject()) {
            for (Map.Entry<String, JsonNode> entry : data.properties()) map.put(entry.getKey(), entry.getValue());
        }
        return new MimeBundle(map);
    }

    public Set<String> mimeTypes() {
        return data.keySet();
    }

    public boolean has(String mimeType) {
        return data.containsKey(mimeType);
    }

    /** A text value (text/plain, text/html, image/png base64); Jupyter also allows a list of lines. */
    public Optional<String> text(String mimeType) {
        JsonNode value = data.get(mimeType);
        if (value == null || value.isNull()) return Optional.empty();
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(part -> joined.append(part.asString("")));
            return Optional.of(joined.toString());
        }
        return Optional.of(value.isString() ? value.asString() : value.toString());
    }

    /** A JSON value (Plotly figure, table resource). */
    public Optional<JsonNode> json(String mimeType) {
        return Optional.ofNullable(data.get(mimeType));
    }
}
