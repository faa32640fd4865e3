package io.autoanalyst.dataset.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Column names as pandas and DuckDB can hold them: trimmed, never empty ({@code unnamed_4} for a blank
 * fourth header), and unique ignoring case ({@code value}, {@code value_2}), because DuckDB matches
 * column names case-insensitively. Control characters (a NUL, a newline in a header) become spaces.
 */
public final class ColumnNames {

    private ColumnNames() {
    }

    public static List<String> unique(List<String> raw) {
        List<String> result = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String name = raw.get(i) == null ? "" : raw.get(i).replaceAll("\\p{Cntrl}", " ").strip();
            if (name.length() > 200) name = name.substring(0, 200);
            if (name.isEmpty()) name = "unnamed_" + (i + 1);
            String candidate = name;
            for (int n = 2; taken.contains(candidate.toLowerCase(Locale.ROOT)); n++) {
                candidate = name + "_" + n;
            }
            taken.add(candidate.toLowerCase(Locale.ROOT));
            result.add(candidate);
        }
        return result;
    }

    public static boolean wasBlank(String raw) {
        return raw == null || raw.strip().isEmpty();
    }
}
