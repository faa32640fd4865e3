package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A typed task for a model, in the spirit of DSPy: instructions, named inputs, named outputs. The prompt is
 * rendered from it ({@link SignaturePrompt}) and the answer parsed back into its output fields
 * ({@link SignatureOutputParser}), so callers deal in fields, not in prompt text.
 *
 * @param name the signature's name; recorded as the agent name of its usage rows
 */
public record Signature(String name, String instructions, List<Field> inputs, List<Field> outputs) {

    private static final Pattern FIELD_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public Signature {
        requireNonNull(name, "name");
        requireNonNull(instructions, "instructions");
        inputs = List.copyOf(requireNonNull(inputs, "inputs"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs"));
        if (name.isBlank()) {
            throw new IllegalArgumentException("signature name must not be blank");
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("signature " + name + " has no output fields");
        }
        Set<String> names = new HashSet<>();
        for (Field f : inputs) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("signature " + name + ": field " + f.name() + " appears twice");
            }
        }
        for (Field f : outputs) {
            if (!names.add(f.name())) {
                throw new IllegalArgumentException("signature " + name + ": field " + f.name() + " appears twice");
            }
        }
    }

    /**
     * A named input or output.
     *
     * @param description what the field holds; shown to the model
     * @param type        how the value is rendered and parsed
     */
    public record Field(String name, String description, FieldType type) {
        public Field {
            requireNonNull(name, "name");
            requireNonNull(description, "description");
            requireNonNull(type, "type");
            // Field names become JSON keys and section markers: keep them plain so models copy them exactly.
            if (!FIELD_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("field name '" + name + "' must match " + FIELD_NAME.pattern());
            }
        }

        public static Field text(String name, String description) {
            return new Field(name, description, FieldType.TEXT);
        }

        public static Field code(String name, String description) {
            return new Field(name, description, FieldType.CODE);
        }

        public static Field list(String name, String description) {
            return new Field(name, description, FieldType.LIST);
        }

        public static Field json(String name, String description) {
            return new Field(name, description, FieldType.JSON);
        }
    }

    /** A type hint: how a field is shown to the model and read back. */
    public enum FieldType {
        /** Free text (markdown allowed). */
        TEXT,
        /** A JSON object or array. */
        JSON,
        /** A list of strings. */
        LIST,
        /** Source code, without markdown fences. */
        CODE
    }
}
