package io.autoanalyst.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The text form of a {@link DatasetSchema} passed as the {@code dataset} input of agent signatures: JSON that a
 * language model reads as easily as prose, and that the offline analyst can read back exactly.
 * <pre>{"exact_python_name": "df", "columns": [{"name": "price", "dtype": "int64", "kind": "numeric",
 *   "sample_values": ["13300000", "12250000"]}]}</pre>
 */
public final class DatasetSchemaJson {

    private final JsonMapper json;

    public DatasetSchemaJson(JsonMapper json) {
        this.json = json;
    }

    public String write(DatasetSchema schema) {
        ObjectNode root = json.createObjectNode();
        root.put("exact_python_name", schema.varName());
        ArrayNode columns = root.putArray("columns");
        for (DatasetSchema.Column c : schema.columns()) {
            ObjectNode column = columns.addObject();
            column.put("name", c.name());
            column.put("dtype", c.dtype());
            column.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            ArrayNode samples = column.putArray("sample_values");
            c.sampleValues().forEach(samples::add);
        }
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    /** Reads the form written by {@link #write}; tolerates text around the JSON. Throws IllegalArgumentException. */
    public DatasetSchema read(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no dataset description");
        }
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("the dataset description is not a JSON schema");
        }
        try {
            JsonNode root = json.readTree(text.substring(start, end + 1));
            String varName = root.path("exact_python_name").asString("");
            List<DatasetSchema.Column> columns = new ArrayList<>();
            for (JsonNode c : root.path("columns").values()) {
                List<String> samples = new ArrayList<>();
                c.path("sample_values").values().forEach(v -> samples.add(v.asString()));
                columns.add(new DatasetSchema.Column(c.path("name").asString(), c.path("dtype").asString(""),
                        DatasetSchema.ColumnKind.valueOf(c.path("kind").asString("text").toUpperCase(Locale.ROOT)),
                        samples));
            }
            return new DatasetSchema(varName, columns);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the dataset description is not valid JSON");
        }
    }
}
