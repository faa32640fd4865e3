package io.autoanalyst.dataset.read;

import io.autoanalyst.dataset.detect.ColumnType;
import java.util.List;
import java.util.Objects;

/**
 * A table read into the upload's DuckDB workspace: columns {@code c0..cN} of {@code sqlTable} hold
 * the columns named {@code names}, typed as {@code types}.
 *
 * @param sourceName the sheet name for a workbook, else null
 * @param notes      what the reader did that the user should know (header row, dropped columns, ...)
 */
public record LoadedTable(String sqlTable, String sourceName, List<String> names, List<ColumnType> types, List<String> notes) {
    public LoadedTable {
        Objects.requireNonNull(sqlTable, "sqlTable");
        names = List.copyOf(names);
        types = List.copyOf(types);
        notes = List.copyOf(notes);
        if (names.size() != types.size()) throw new IllegalArgumentException("names and types differ in length");
    }

    public String column(int i) {
        return "c" + i;
    }
}
