package io.autoanalyst.llm;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a model is told about a dataset: the exact Python variable that holds it and its columns. The
 * dataset feature builds it from its profile; the offline analyst writes code against it, and real models get
 * it as JSON ({@link DatasetSchemaJson}) in the {@code dataset} input.
 *
 * @param varName the DataFrame's variable name in the kernel; generated code must use exactly this name
 */
public record DatasetSchema(String varName, List<Column> columns) {

    private static final Pattern PYTHON_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public DatasetSchema {
        requireNonNull(varName, "varName");
        columns = List.copyOf(requireNonNull(columns, "columns"));
        if (!PYTHON_IDENTIFIER.matcher(varName).matches()) {
            throw new IllegalArgumentException("varName '" + varName + "' is not a Python identifier");
        }
    }

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<Column> columnsOfKind(ColumnKind kind) {
        return columns.stream().filter(c -> c.kind() == kind).toList();
    }

    /**
     * @param dtype        the pandas dtype as text ({@code int64}, {@code object}, {@code datetime64[ns]})
     * @param sampleValues a few values as text, used to recognise values named in a question
     */
    public record Column(String name, String dtype, ColumnKind kind, List<String> sampleValues) {
        public Column {
            requireNonNull(name, "name");
            requireNonNull(dtype, "dtype");
            requireNonNull(kind, "kind");
            sampleValues = sampleValues == null ? List.of() : List.copyOf(sampleValues);
        }
    }

    /** How the analyst may use a column. */
    public enum ColumnKind {
        NUMERIC, CATEGORICAL, DATETIME, BOOL, TEXT;

        /** Whether the column can split rows into groups. */
        public boolean groups() {
            return this == CATEGORICAL || this == BOOL;
        }
    }
}
