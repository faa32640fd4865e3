package io.autoanalyst.dataset.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A dataset description from a preview (headers and a few rows) when no LLM writes one: the type
 * of each column inferred from the sample, with its range or example values.
 */
public final class DescriptionFromPreview {

    private DescriptionFromPreview() {
    }

    public static String describe(String variable, String name, String userText, List<String> headers, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder(DatasetDescriber.prefix(List.of(variable)))
                .append(name == null || name.isBlank() ? "dataset" : name.strip());
        if (userText != null && !userText.isBlank()) out.append("\n").append(userText.strip());
        out.append("\nColumns (inferred from a sample of ").append(rows.size()).append(" rows):");
        for (int i = 0; i < headers.size(); i++) {
            List<String> values = new ArrayList<>();
            for (List<Object> row : rows) {
                Object v = i < row.size() ? row.get(i) : null;
                if (v != null && !String.valueOf(v).isBlank()) values.add(String.valueOf(v).strip());
            }
            out.append("\n- ").append(headers.get(i)).append(" (").append(type(values)).append(")");
            if (!values.isEmpty()) {
                out.append(": e.g. ").append(values.stream().distinct().limit(3)
                        .map(v -> v.length() > 30 ? v.substring(0, 30) + "…" : v).collect(Collectors.joining(", ")));
            }
        }
        return out.toString();
    }

    private static String type(List<String> values) {
        if (values.isEmpty()) return "unknown: no values in the sample";
        if (values.stream().allMatch(v -> v.matches("[+-]?[0-9]+"))) return "integer";
        if (values.stream().allMatch(v -> v.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?"))) return "decimal";
        if (values.stream().allMatch(v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) return "boolean";
        if (values.stream().allMatch(v -> v.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}"))) return "date";
        if (values.stream().allMatch(v -> v.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}.*"))) return "datetime";
        return "string";
    }
}
