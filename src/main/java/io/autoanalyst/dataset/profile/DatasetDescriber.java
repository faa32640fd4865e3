package io.autoanalyst.dataset.profile;

import io.autoanalyst.dataset.profile.DatasetProfile.ColumnProfile;
import io.autoanalyst.dataset.profile.DatasetProfile.ValueCount;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The dataset description the agents read, built from the profile. It always starts with the
 * original's marker {@code exact_python_name: `<var>`}, naming the variable the kernel really binds
 * (the original advertised {@code Housing_Dataset} for a frame that was called {@code df}).
 */
public final class DatasetDescriber {

    private DatasetDescriber() {
    }

    /** The original's prefix, followed by free text. */
    public static String prefix(List<String> variables) {
        return " exact_python_name: " + variables.stream().map(v -> "`" + v + "`").collect(Collectors.joining(", "))
                + " Dataset: ";
    }

    public static String describe(String variable, String displayName, String userText, DatasetProfile profile) {
        StringBuilder out = new StringBuilder(prefix(List.of(variable))).append(displayName);
        if (userText != null && !userText.isBlank()) {
            out.append("\n").append(userText.strip());
        }
        out.append("\n").append(profile.rows()).append(" rows x ").append(profile.columnCount()).append(" columns.");
        out.append("\nColumns (pandas DataFrame `").append(variable).append("`):");
        for (ColumnProfile c : profile.columns()) {
            out.append("\n- ").append(c.name()).append(" (").append(c.type()).append(", dtype ").append(c.dtype());
            out.append(c.nulls() == 0 ? ", no missing values" : ", " + c.nulls() + " missing");
            out.append("): ");
            out.append(summary(c));
        }
        for (String note : profile.notes()) {
            out.append("\nNote: ").append(note);
        }
        return out.toString();
    }

    private static String summary(ColumnProfile c) {
        return switch (c.type()) {
            case "integer", "decimal" -> c.min() == null ? "no values"
                    : "min " + plain(c.min()) + ", max " + plain(c.max())
                    + (c.mean() == null ? "" : ", mean " + c.mean().stripTrailingZeros().toPlainString())
                    + ", " + c.distinct() + " distinct";
            case "date", "datetime" -> c.min() == null ? "no values" : "from " + c.min() + " to " + c.max();
            case "boolean" -> c.trueCount() + " true, " + c.distinct() + " distinct";
            default -> c.distinct() + " distinct values" + (c.topValues().isEmpty() ? ""
                    : "; most common: " + c.topValues().stream().map(DatasetDescriber::valueCount)
                    .collect(Collectors.joining(", ")));
        };
    }

    private static String valueCount(ValueCount v) {
        String text = String.valueOf(v.value());
        if (text.length() > 40) text = text.substring(0, 40) + "…";
        return text.replace("\n", " ") + " (" + v.count() + ")";
    }

    private static String plain(Object number) {
        return number instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(number);
    }
}
