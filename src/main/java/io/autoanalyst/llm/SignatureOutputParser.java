package io.autoanalyst.llm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a model's answer into the output fields of its signature. Tolerant, because models decorate:
 * <ol>
 *   <li>a JSON object, alone or inside a markdown fence or surrounding prose (the first {@code {} to the
 *       last {@code }});</li>
 *   <li>otherwise {@code [[ ## field ## ]]} sections, the style the inputs were given in;</li>
 *   <li>otherwise, for a signature with a single text field, the whole answer.</li>
 * </ol>
 * Values are coerced per field type (a list may come as a JSON array or as lines, code loses its fences).
 * Anything missing or of the wrong shape raises {@link UnusableAnswer} naming every problem, so the model
 * can fix them all in one retry.
 */
public final class SignatureOutputParser {

    private static final Pattern FENCE = Pattern.compile("^\\s*```[A-Za-z0-9_+-]*\\s*\\n(.*?)\\n?\\s*```\\s*$", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile("\\[\\[\\s*##\\s*([a-z][a-z0-9_]*)\\s*##\\s*]]");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)])\\s+");

    private final JsonMapper json;

    public SignatureOutputParser(JsonMapper json) {
        this.json = json;
    }

    public Map<String, Object> parse(Signature signature, String answer) {
        if (answer == null || answer.isBlank()) {
            throw new UnusableAnswer("the answer was empty.");
        }
        Map<String, Object> raw = jsonObject(answer);
        if (raw == null) {
            raw = sections(answer);
        }
        if (raw == null && signature.outputs().size() == 1
                && signature.outputs().getFirst().type() == Signature.FieldType.TEXT) {
            raw = Map.of(signature.outputs().getFirst().name(), answer.strip());
        }
        if (raw == null) {
            throw new UnusableAnswer("it is not a JSON object (and has no [[ ## field ## ]] sections).");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Signature.Field field : signature.outputs()) {
            Object value = raw.get(field.name());
            if (value == null || (value instanceof JsonNode node && node.isNull())) {
                problems.add("the field \"" + field.name() + "\" is missing");
                continue;
            }
            try {
                fields.put(field.name(), coerce(field, value));
            } catch (UnusableAnswer e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new UnusableAnswer(String.join("; ", problems) + ".");
        }
        return fields;
    }

    private Map<String, Object> jsonObject(String answer) {
        String text = answer.strip();
        Matcher fence = FENCE.matcher(text);
        if (fence.matches()) {
            text = fence.group(1).strip();
        }
        int start = text.indexOf('{');
        int end = text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(text.substring(start, end + 1));
        } catch (JacksonException e) {
            if (!text.contains("[[ ##")) {
                throw new UnusableAnswer("it is not valid JSON (" + firstLine(e.getOriginalMessage()) + ").");
            }
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            values.put(e.getKey(), e.getValue());
        }
        return values;
    }

    private static Map<String, Object> sections(String answer) {
        Matcher m = SECTION.matcher(answer);
        Map<String, Object> values = new LinkedHashMap<>();
        String current = null;
        int from = 0;
        while (m.find()) {
            if (current != null) {
                values.put(current, answer.substring(from, m.start()).strip());
            }
            current = m.group(1);
            from = m.end();
        }
        if (current == null) {
            return null;
        }
        values.put(current, answer.substring(from).strip());
        values.remove("completed");
        return values;
    }

    private Object coerce(Signature.Field field, Object value) {
        return switch (field.type()) {
            case TEXT -> asText(value);
            case CODE -> stripFence(asText(value));
            case LIST -> asList(field, value);
            case JSON -> asJson(field, value);
        };
    }

    private static String asText(Object value) {
        if (value instanceof JsonNode node) {
            return node.isString() ? node.stringValue() : node.toString();
        }
        return value.toString();
    }

    private static String stripFence(String code) {
        Matcher fence = FENCE.matcher(code.strip());
        return fence.matches() ? fence.group(1) : code;
    }

    private List<String> asList(Signature.Field field, Object value) {
        if (value instanceof JsonNode node && node.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node.values()) {
                items.add(item.isString() ? item.stringValue() : item.toString());
            }
            return List.copyOf(items);
        }
        if (value instanceof JsonNode node && !node.isString()) {
            throw new UnusableAnswer("the field \"" + field.name() + "\" must be an array of strings");
        }
        String text = asText(value).strip();
        if (text.startsWith("[")) {
            try {
                return asList(field, json.readTree(text));
            } catch (JacksonException ignored) {
                // not a JSON array after all: read it as lines below
            }
        }
        return text.lines()
                .map(line -> BULLET.matcher(line).replaceFirst("").strip())
                .filter(line -> !line.isEmpty())
                .toList();
    }

    private String asJson(Signature.Field field, Object value) {
        if (value instanceof JsonNode node && node.isContainer()) {
            return node.toString();
        }
        String text = stripFence(asText(value)).strip();
        try {
            JsonNode parsed = json.readTree(text);
            if (parsed == null || !parsed.isContainer()) {
                throw new UnusableAnswer("the field \"" + field.name() + "\" must be a JSON object or array");
            }
            return parsed.toString();
        } catch (JacksonException e) {
            throw new UnusableAnswer("the field \"" + field.name() + "\" is not valid JSON ("
                    + firstLine(e.getOriginalMessage()) + ")");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
