package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Signature} and its input values into a prompt, and builds the JSON schema used where the
 * provider can enforce one.
 *
 * <p>The system message holds the instructions, the fields and the answer format: one JSON object with one
 * key per output field. The user message holds the inputs, each under a {@code [[ ## name ## ]]} marker, so
 * that long multi-line values (dataset descriptions, code) cannot be confused with one another.
 */
public final class SignaturePrompt {

    /** The two messages of a rendered signature. */
    public record Rendered(String system, String user) {}

    public Rendered render(Signature signature, Map<String, String> inputs) {
        requireNonNull(signature, "signature");
        requireNonNull(inputs, "inputs");
        List<String> missing = signature.inputs().stream()
                .map(Signature.Field::name)
                .filter(name -> inputs.get(name) == null)
                .toList();
        if (!missing.isEmpty()) {
            // A programming error of the caller, not something the model could fix.
            throw new IllegalArgumentException("signature " + signature.name() + " is missing inputs " + missing);
        }
        StringBuilder system = new StringBuilder();
        system.append(signature.instructions().strip()).append("\n\n");
        if (!signature.inputs().isEmpty()) {
            system.append("Your input fields are:\n");
            appendFields(system, signature.inputs());
            system.append('\n');
        }
        system.append("Your output fields are:\n");
        appendFields(system, signature.outputs());
        system.append('\n').append(answerFormat(signature));

        StringBuilder user = new StringBuilder();
        for (Signature.Field field : signature.inputs()) {
            user.append("[[ ## ").append(field.name()).append(" ## ]]\n")
                    .append(inputs.get(field.name()).strip()).append("\n\n");
        }
        user.append("Respond with the JSON object described above, with the keys ")
                .append(String.join(", ", outputNames(signature))).append('.');
        return new Rendered(system.toString(), user.toString());
    }

    /** The message sent after an answer that could not be used, so the model can correct itself. */
    public String correction(Signature signature, String problem) {
        return "Your previous answer could not be used: " + problem + "\n"
                + "Answer again with only one JSON object that has exactly the keys "
                + String.join(", ", outputNames(signature)) + ", each with a value of the type described.";
    }

    /**
     * The schema of the answer for providers that enforce one. Every field is required and no other key is
     * allowed (OpenAI's strict mode demands both). A json field is a string holding JSON, because strict mode
     * cannot express "any JSON value".
     */
    public JsonSchema jsonSchema(Signature signature) {
        JsonObjectSchema.Builder root = JsonObjectSchema.builder();
        List<String> required = new ArrayList<>();
        for (Signature.Field field : signature.outputs()) {
            String description = field.description();
            switch (field.type()) {
                case LIST -> root.addProperty(field.name(), JsonArraySchema.builder()
                        .description(description)
                        .items(JsonStringSchema.builder().build())
                        .build());
                case JSON -> root.addProperty(field.name(), JsonStringSchema.builder()
                        .description(description + " (a JSON document, as a string)")
                        .build());
                case CODE -> root.addProperty(field.name(), JsonStringSchema.builder()
                        .description(description + " (source code only, no markdown fences)")
                        .build());
                case TEXT -> root.addProperty(field.name(), JsonStringSchema.builder()
                        .description(description)
                        .build());
            }
            required.add(field.name());
        }
        root.required(required).additionalProperties(false);
        return JsonSchema.builder().name(schemaName(signature)).rootElement(root.build()).build();
    }

    private static String answerFormat(Signature signature) {
        StringBuilder format = new StringBuilder("Answer with one JSON object and nothing else, in this shape:\n{\n");
        List<Signature.Field> outputs = signature.outputs();
        for (int i = 0; i < outputs.size(); i++) {
            Signature.Field field = outputs.get(i);
            format.append("  \"").append(field.name()).append("\": ").append(typeHint(field.type()));
            format.append(i < outputs.size() - 1 ? ",\n" : "\n");
        }
        return format.append("}\n").toString();
    }

    private static String typeHint(Signature.FieldType type) {
        return switch (type) {
            case TEXT -> "<string>";
            case CODE -> "<string: source code, no markdown fences>";
            case LIST -> "<array of strings>";
            case JSON -> "<JSON object or array>";
        };
    }

    private static void appendFields(StringBuilder sb, List<Signature.Field> fields) {
        for (int i = 0; i < fields.size(); i++) {
            Signature.Field f = fields.get(i);
            sb.append(i + 1).append(". `").append(f.name()).append("` (")
                    .append(f.type().name().toLowerCase(java.util.Locale.ROOT)).append("): ")
                    .append(f.description()).append('\n');
        }
    }

    private static List<String> outputNames(Signature signature) {
        return signature.outputs().stream().map(Signature.Field::name).toList();
    }

    private static String schemaName(Signature signature) {
        // OpenAI restricts schema names to [a-zA-Z0-9_-]{1,64}.
        String cleaned = signature.name().replaceAll("[^A-Za-z0-9_-]", "_");
        return cleaned.length() > 64 ? cleaned.substring(0, 64) : cleaned;
    }
}
