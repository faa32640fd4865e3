package io.autoanalyst.llm;

import static io.autoanalyst.llm.PythonSource.md;
import static io.autoanalyst.llm.PythonSource.str;

import io.autoanalyst.llm.DatasetSchema.Column;
import io.autoanalyst.llm.DatasetSchema.ColumnKind;
import io.autoanalyst.llm.OfflineQuestion.ColumnMention;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One question being answered: what was read from it (columns, conditions, parameters such as the N of "top N")
 * and the code being written. The intent writers ({@link OfflineDescriptiveIntents}, {@link OfflineStatisticalIntents},
 * {@link OfflineModelIntents}) take it and return an {@link OfflineAnswer}.
 */
final class OfflineRequest {

    final OfflineQuestion q;
    final DatasetSchema schema;
    final OfflineCode code;
    final OfflineConditions conditions;
    final OfflineParameters parameters;

    OfflineRequest(OfflineQuestion q, DatasetSchema schema, OfflineConditions conditions, OfflineParameters parameters) {
        this.q = q;
        this.schema = schema;
        this.code = new OfflineCode(schema.varName());
        this.conditions = conditions;
        this.parameters = parameters;
    }

    /** Numeric columns named (not in conditions), in the order named. */
    List<Column> numeric() {
        return q.columns(ColumnKind.NUMERIC).stream().map(ColumnMention::column).toList();
    }

    List<Column> named() {
        return q.columns().stream().map(ColumnMention::column).toList();
    }

    List<Column> grouping() {
        return q.groupingColumns().stream().map(ColumnMention::column).toList();
    }

    /**
     * When the question has conditions: writes the rows that meet them into {@code rows}, says how many, and makes
     * {@code DF} of later templates mean those rows. Returns the scope to add to printed statements
     * ({@code " (rows where bedrooms > 3)"}), empty without conditions.
     */
    String filterRows() {
        if (conditions.isEmpty()) {
            code.assign("scope", str(""));
            return "";
        }
        writeMask();
        code.line("rows = DF[mask]")
                .line("print(f\"Rows where {condition}: {len(rows)} of {len(DF)}\")")
                .line("scope = f\" (rows where {condition})\"")
                .analyse("rows");
        return " (rows where " + conditions.describe() + ")";
    }

    /** {@code mask}: the rows meeting every condition; {@code condition}: the conditions as text. */
    void writeMask() {
        code.line("mask = pd.Series(True, index=DF.index)");
        conditions.conditions().forEach(c -> c.writeMask(code));
        code.assign("condition", str(conditions.describe()));
    }

    /** The columns the conditions read, for the answer's list of columns used. */
    List<String> conditionColumns() {
        return conditions.conditions().stream().map(c -> c.column().name()).distinct().toList();
    }

    OfflineAnswer answer(OfflineIntent intent, String what, List<String> columns) {
        List<String> used = new ArrayList<>(columns);
        conditionColumns().stream().filter(c -> !used.contains(c)).forEach(used::add);
        String scope = conditions.isEmpty() || intent == OfflineIntent.FILTER_COUNT ? ""
                : " Only the rows where " + conditions.describe() + " are used.";
        return OfflineAnalyst.answer(intent, code.toString(), what + scope, used, schema.varName());
    }

    OfflineAnswer notSupported(String reason) {
        return OfflineAnalyst.notSupported(reason, schema.varName());
    }

    static String list(List<Column> columns) {
        return strings(columns.stream().map(Column::name).toList());
    }

    static String strings(List<String> values) {
        return values.stream().map(PythonSource::str).collect(Collectors.joining(", ", "[", "]"));
    }

    static String names(List<Column> columns) {
        return columns.stream().map(c -> md(c.name())).collect(Collectors.joining(", "));
    }

    static List<String> namesOf(List<Column> columns) {
        return columns.stream().map(Column::name).toList();
    }
}
