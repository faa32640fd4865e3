package io.autoanalyst.llm;

import static io.autoanalyst.llm.OfflineRequest.list;
import static io.autoanalyst.llm.OfflineRequest.names;
import static io.autoanalyst.llm.OfflineRequest.namesOf;
import static io.autoanalyst.llm.PythonSource.md;
import static io.autoanalyst.llm.PythonSource.str;

import io.autoanalyst.llm.DatasetSchema.Column;
import io.autoanalyst.llm.DatasetSchema.ColumnKind;
import io.autoanalyst.llm.OfflineAnalyst.Aggregation;
import io.autoanalyst.llm.OfflineCode.Helper;
import io.autoanalyst.llm.OfflineQuestion.ColumnMention;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Intents that describe rows: the dataset, missing values, statistics, counts, value counts, groups, top rows. */
final class OfflineDescriptiveIntents {

    private OfflineDescriptiveIntents() {
    }

    static OfflineAnswer describe(OfflineRequest r) {
        r.code.header("describe the dataset");
        r.filterRows();
        r.code.line("print(f\"Rows: {len(DF)}, columns: {DF.shape[1]}\")")
                .line("print('Column types:')")
                .line("print(DF.dtypes.to_string())")
                .line("print('First rows:')")
                .line("print(DF.head().to_string())")
                .line("numeric_cols = DF.select_dtypes('number').columns.tolist()")
                .line("print(f\"Numeric columns ({len(numeric_cols)}): {numeric_cols}\")")
                .line("print(f\"Other columns: {[c for c in DF.columns if c not in numeric_cols]}\")");
        return r.answer(OfflineIntent.DESCRIBE_DATASET,
                "An overview of the dataset: its size, column types and first rows.", List.of());
    }

    static OfflineAnswer missingValues(OfflineRequest r) {
        OfflineCode code = r.code.header("missing values per column").uses(Helper.FORMAT);
        r.filterRows();
        code.line("missing = DF.isna().sum()")
                .line("missing_table = pd.DataFrame({'missing': missing, 'percent': (missing / len(DF) * 100).round(2)})")
                .line("missing_table = missing_table.sort_values('missing', ascending=False)")
                .line("print(missing_table.to_string())")
                .line("print(f\"Total missing values: {int(missing.sum())}\")")
                .line("print(f\"Columns with missing values: {int((missing > 0).sum())} of {DF.shape[1]}\")")
                .line("print(f\"Rows with at least one missing value: {int(DF.isna().any(axis=1).sum())} of {len(DF)}\")");
        List<Column> named = r.named();
        if (named.isEmpty()) {
            code.line("if missing.max() > 0:")
                    .line("    print(f\"Column with the most missing values: {missing.idxmax()} ({int(missing.max())})\")");
        } else {
            code.assign("cols", list(named))
                    .line("for col in cols:")
                    .line("    print(f\"Missing values in {col}: {int(missing[col])} ({_fmt(missing[col] / len(DF) * 100)}% of "
                            + "{len(DF)} rows)\")");
        }
        code.line("fig = px.bar(missing_table.rename_axis('column').reset_index(), x='column', y='missing', "
                        + "title='Missing values per column')")
                .line("fig.show()");
        return r.answer(OfflineIntent.MISSING_VALUES,
                "Counts and percentages of missing values in every column, most affected first.", namesOf(named));
    }

    static OfflineAnswer summary(OfflineRequest r) {
        List<Column> columns = r.numeric();
        List<Aggregation> statistics = OfflineAnalyst.aggregations(r.q);
        List<Column> others = r.named().stream().filter(c -> c.kind() != ColumnKind.NUMERIC).toList();
        if (columns.isEmpty() && !others.isEmpty() && !statistics.isEmpty()
                && !statistics.equals(List.of(Aggregation.COUNT))) {
            return r.notSupported(names(others) + " is not a numeric column, so its " + statistics.getFirst().word
                    .toLowerCase(java.util.Locale.ROOT) + " cannot be computed.");
        }
        if (columns.isEmpty() && r.schema.columnsOfKind(ColumnKind.NUMERIC).isEmpty()) {
            return r.notSupported("The dataset has no numeric column to summarise.");
        }
        OfflineCode code = r.code.header("summary statistics").uses(Helper.FORMAT, Helper.NUMBERS);
        r.filterRows();
        if (columns.isEmpty()) {
            code.line("cols = DF.select_dtypes('number').columns.tolist()");
        } else {
            code.assign("cols", list(columns));
        }
        code.line("values = _numbers(DF, cols)")
                .line("summary = values.describe().T")
                .line("summary['median'] = values.median()")
                .line("print(summary.to_string())");
        boolean population = r.q.mentions(Set.of("population"));
        String ddof = population ? "0" : "1";
        String deviationKind = population ? "population, divided by n" : "sample, divided by n - 1";
        for (Aggregation statistic : statistics) {
            code.line("for col in cols:");
            switch (statistic) {
                case MEAN, MEDIAN, SUM, MAX, MIN -> code.line("    print(f\"" + statistic.word + " of {col}{scope}: "
                        + "{_fmt(values[col]." + statistic.pandas + "())}\")");
                case STD -> code.line("    print(f\"Standard deviation of {col}{scope} (" + deviationKind + "): "
                        + "{_fmt(values[col].std(ddof=" + ddof + "))}\")");
                case VAR -> code.line("    print(f\"Variance of {col}{scope} (" + deviationKind + "): "
                        + "{_fmt(values[col].var(ddof=" + ddof + "))}\")");
                case RANGE -> code.line("    print(f\"Range of {col}{scope}: {_fmt(values[col].max() - values[col].min())} "
                        + "(from {_fmt(values[col].min())} to {_fmt(values[col].max())})\")");
                case COUNT -> code.line("    print(f\"Number of non-missing values of {col}{scope}: "
                        + "{int(values[col].count())}\")");
                case QUANTILE -> {
                    String levels = r.parameters.quantile() == null ? "[0.25, 0.5, 0.75]"
                            : "[" + OfflineConditions.plain(r.parameters.quantile()) + "]";
                    code.line("    for level in " + levels + ":")
                            .line("        print(f\"Quantile {level} ({_fmt(level * 100)}th percentile, linear "
                                    + "interpolation) of {col}{scope}: {_fmt(values[col].quantile(level))}\")");
                }
                default -> throw new IllegalStateException(statistic.name());
            }
        }
        code.line("print(f\"Rows used: {len(DF)} (missing values are left out of each statistic)\")");
        for (Column c : r.grouping()) {
            code.assign("count_col", str(c.name()))
                    .line("print(DF[count_col].value_counts(dropna=False).to_string())");
        }
        String what = columns.isEmpty() ? "every numeric column" : names(columns);
        List<String> used = new ArrayList<>(namesOf(columns));
        used.addAll(namesOf(r.grouping()));
        return r.answer(OfflineIntent.SUMMARY_STATISTICS, (statistics.isEmpty() ? "Summary statistics (count, mean, "
                + "standard deviation, quartiles, median) of " : "The " + String.join(", ", statistics.stream()
                .map(s -> s.word.toLowerCase(java.util.Locale.ROOT)).toList()) + " of ") + what + ".", used);
    }

    /** "most common furnishingstatus", "value counts of city", "how many distinct values does zone have". */
    static OfflineAnswer valueCounts(OfflineRequest r) {
        List<Column> named = r.named();
        if (named.isEmpty()) {
            return r.notSupported("Name the column whose values to count, e.g. \"most common furnishingstatus\".");
        }
        Column column = named.getFirst();
        boolean distinctOnly = r.q.mentions(OfflineAnalyst.DISTINCT) && !r.q.mentions(OfflineAnalyst.VALUE_COUNTS);
        OfflineCode code = r.code.header(distinctOnly ? "distinct values of a column" : "value counts of a column")
                .uses(Helper.FORMAT, Helper.CANNOT_ANSWER);
        r.filterRows();
        code.assign("col", str(column.name()))
                .line("counts = DF[col].value_counts()")
                .line("known = int(counts.sum())")
                .line("missing_count = int(DF[col].isna().sum())")
                .line("if counts.empty:")
                .line("    raise _CannotAnswer(f\"column {col!r} has no values{scope}\")");
        if (distinctOnly) {
            code.line("print(f\"Number of distinct values of {col}{scope}: {counts.size} (missing values not counted: "
                            + "{missing_count})\")")
                    .line("if counts.size <= 50:")
                    .line("    print(f\"The values: {', '.join(sorted(map(str, counts.index)))}\")");
            return r.answer(OfflineIntent.VALUE_COUNTS, "The number of distinct values of " + md(column.name()) + ".",
                    List.of(column.name()));
        }
        Integer n = r.parameters.count();
        code.line("shares = (counts / known * 100).round(2)")
                .line("print(pd.DataFrame({'count': counts, 'percent': shares}).head(" + (n == null ? 50 : n)
                        + ").to_string())")
                .line("most = counts[counts == counts.iloc[0]]")
                .line("if len(most) == 1:")
                .line("    print(f\"Most common value of {col}{scope}: {most.index[0]} ({int(most.iloc[0])} rows, "
                        + "{_fmt(most.iloc[0] / known * 100)}% of {known})\")")
                .line("else:")
                .line("    print(f\"Most common values of {col}{scope} (tied, {int(most.iloc[0])} rows each): "
                        + "{', '.join(map(str, most.index))}\")")
                .line("least = counts[counts == counts.iloc[-1]]")
                .line("if len(least) == 1:")
                .line("    print(f\"Least common value of {col}{scope}: {least.index[0]} ({int(least.iloc[0])} rows)\")")
                .line("else:")
                .line("    print(f\"Least common values of {col}{scope} (tied, {int(least.iloc[0])} rows each): "
                        + "{', '.join(map(str, least.index[:20]))}\")");
        if (n != null) {
            code.line("print(f\"The " + n + " most common values of {col}{scope}: \" + ', '.join(f\"{v} ({c})\" for v, c "
                    + "in counts.head(" + n + ").items()))");
        }
        code.line("print(f\"Distinct values: {counts.size}; missing values (not counted): {missing_count}\")")
                .line("fig = px.bar(x=counts.index.astype(str)[:50], y=counts.values[:50], labels={'x': col, 'y': 'count'}, "
                        + "title=f\"Most common values of {col}\")")
                .line("fig.show()");
        return r.answer(OfflineIntent.VALUE_COUNTS, "How often each value of " + md(column.name())
                + " occurs, the most common first.", List.of(column.name()));
    }

    /** "how many houses have more than 3 bedrooms", "what share of rows is furnished", "how many rows". */
    static OfflineAnswer filterCount(OfflineRequest r) {
        OfflineCode code = r.code.header("count the rows that meet conditions").uses(Helper.FORMAT);
        if (r.q.mentions(Set.of("how many columns", "number of columns", "how many variables", "number of variables"))
                && r.conditions.isEmpty()) {
            code.line("print(f\"Number of columns: {DF.shape[1]}\")")
                    .line("print(f\"Columns: {', '.join(map(str, DF.columns))}\")");
            return r.answer(OfflineIntent.FILTER_COUNT, "The number of columns.", List.of());
        }
        if (r.conditions.isEmpty()) {
            code.line("print(f\"Number of rows: {len(DF)}\")");
            return r.answer(OfflineIntent.FILTER_COUNT, "The number of rows.", List.of());
        }
        r.writeMask();
        code.assign("condition_cols", OfflineRequest.strings(r.conditionColumns()))
                .line("total = len(DF)")
                .line("matching = int(mask.sum())")
                .line("print(f\"Number of rows where {condition}: {matching}\")")
                .line("print(f\"Percentage of rows where {condition}: {_fmt(matching / total * 100)}% ({matching} of "
                        + "{total} rows)\")")
                .line("unknown = int(DF[condition_cols].isna().any(axis=1).sum())")
                .line("if unknown:")
                .line("    print(f\"Rows with a missing {' or '.join(condition_cols)} (not counted as meeting the "
                        + "condition): {unknown}\")")
                .line("    print(f\"Percentage among the {total - unknown} rows where it is known: "
                        + "{_fmt(matching / (total - unknown) * 100) if total > unknown else 'n/a'}%\")");
        return r.answer(OfflineIntent.FILTER_COUNT, "The number and share of rows where " + r.conditions.describe()
                + ".", List.of());
    }

    static OfflineAnswer groupAggregate(OfflineRequest r) {
        ColumnMention groupMention = OfflineAnalyst.groupColumn(r).orElseThrow();
        Column group = groupMention.column();
        Aggregation aggregation = OfflineAnalyst.aggregation(r.q).orElseThrow();
        boolean ascending = r.q.mentions(OfflineAnalyst.TOP_ASCENDING) && !r.q.mentions(OfflineAnalyst.TOP_DESCENDING);
        Integer n = r.parameters.count();
        List<Column> values = r.numeric().stream().filter(c -> !c.equals(group)).toList();
        OfflineCode code = r.code.header("aggregate by group").uses(Helper.FORMAT);
        r.filterRows();
        code.assign("group_col", str(group.name()));
        if (aggregation == Aggregation.COUNT) {
            code.line("result = DF.groupby(group_col).size().rename('count').sort_values(ascending=" + pyBool(ascending) + ")")
                    .line("print(result.to_string())")
                    .line("print(f\"Most rows{scope}: {group_col} = {result.idxmax()} ({int(result.max())})\")")
                    .line("print(f\"Fewest rows{scope}: {group_col} = {result.idxmin()} ({int(result.min())})\")")
                    .line("fig = px.bar(result.reset_index(), x=group_col, y='count', title=f\"Rows per {group_col}\")")
                    .line("fig.show()");
            return r.answer(OfflineIntent.GROUP_AGGREGATE, "The number of rows for each " + md(group.name()) + ".",
                    List.of(group.name()));
        }
        String agg = switch (aggregation) {
            case QUANTILE -> "lambda s: s.quantile(" + (r.parameters.quantile() == null ? "0.5"
                    : OfflineConditions.plain(r.parameters.quantile())) + ")";
            case RANGE -> "lambda s: s.max() - s.min()";
            default -> str(aggregation.pandas);
        };
        if (values.isEmpty()) {
            code.line("result = DF.groupby(group_col).agg(" + agg + ", numeric_only=True)")
                    .line("print(result.to_string())");
            return r.answer(OfflineIntent.GROUP_AGGREGATE, "The " + aggregation.word.toLowerCase(java.util.Locale.ROOT)
                    + " of every numeric column for each " + md(group.name()) + ".", List.of(group.name()));
        }
        Column value = values.getFirst();
        String word = aggregation.word.toLowerCase(java.util.Locale.ROOT);
        code.assign("value_col", str(value.name()))
                .line("result = DF.groupby(group_col)[value_col].agg(" + agg + ").sort_values(ascending="
                        + pyBool(ascending) + ")");
        if (n != null) {
            code.line("result = result.head(" + n + ")");
        }
        code.line("print(result.to_string())")
                .line("best = result[result == result.max()]")
                .line("worst = result[result == result.min()]")
                .line("print(f\"Highest " + word + " of {value_col}{scope}: {group_col} = {', '.join(map(str, best.index))} "
                        + "({_fmt(best.iloc[0])})\")")
                .line("print(f\"Lowest " + word + " of {value_col}{scope}: {group_col} = {', '.join(map(str, worst.index))} "
                        + "({_fmt(worst.iloc[0])})\")")
                .line("fig = px.bar(result.reset_index(), x=group_col, y=value_col, title=f\"" + aggregation.word
                        + " of {value_col} by {group_col}\")")
                .line("fig.show()");
        return r.answer(OfflineIntent.GROUP_AGGREGATE, "The " + word + " of " + md(value.name())
                + " for each " + md(group.name()) + ", " + (ascending ? "smallest" : "largest") + " first.",
                List.of(group.name(), value.name()));
    }

    static OfflineAnswer topN(OfflineRequest r) {
        if (OfflineAnalyst.aggregation(r.q).filter(a -> a != Aggregation.COUNT).isPresent()) {
            return r.notSupported("A statistic of the top or bottom rows is beyond the offline analyst; ask for the rows "
                    + "(\"top 5 rows by price\") or for the statistic of all rows.");
        }
        Optional<Column> ranked = rankedColumn(r);
        if (ranked.isEmpty()) {
            return r.notSupported("Name the one numeric column to rank rows by, e.g. \"top 5 rows by price\".");
        }
        Column column = ranked.get();
        boolean ascending = r.q.mentions(OfflineAnalyst.TOP_ASCENDING) && !r.q.mentions(Set.of("top", "highest", "largest"));
        int n = Math.min(r.parameters.count() != null ? r.parameters.count() : defaultCount(r.q), 1000);
        String word = ascending ? "Bottom" : "Top";
        String extreme = ascending ? "lowest" : "highest";
        OfflineCode code = r.code.header((ascending ? "bottom" : "top") + " rows by a column").uses(Helper.FORMAT);
        r.filterRows();
        code.line("n = " + n)
                .assign("col", str(column.name()))
                .line("top = DF." + (ascending ? "nsmallest" : "nlargest") + "(n, col)")
                .line("print(top.to_string())")
                .line("print(f\"" + word + " {n} values of {col}: {top[col].tolist()}\")");
        List<String> used = new ArrayList<>(List.of(column.name()));
        if (n == 1) {
            code.line("extreme = top[col].iloc[0]")
                    .line("tied = DF[(DF[col] == extreme).fillna(False).astype(bool)]")
                    .line("print(f\"The " + extreme + " {col}{scope}: {_fmt(extreme)} ({len(tied)} row(s) have it)\")");
            Optional<Column> label = r.named().stream().filter(c -> !c.equals(column) && c.kind() != ColumnKind.NUMERIC)
                    .findFirst();
            if (label.isPresent()) {
                used.add(label.get().name());
                code.assign("label_col", str(label.get().name()))
                        .line("print(f\"{label_col} of the row(s) with the " + extreme + " {col}: "
                                + "{', '.join(map(str, tied[label_col].tolist()))}\")");
            }
        }
        code.line("fig = px.bar(x=top.index.astype(str), y=top[col], labels={'x': 'row', 'y': col}, "
                        + "title=f\"" + word + " {n} rows by {col}\")")
                .line("fig.show()");
        return r.answer(OfflineIntent.TOP_N, "The " + n + " row" + (n == 1 ? "" : "s") + " with the " + extreme
                + " " + md(column.name()) + ".", used);
    }

    /**
     * The column to rank by: the numeric column after "by" ("top 5 houses by price"), else the one right after the
     * superlative ("the highest price"), else the only numeric column named, unless a word such as "expensive"
     * implies a column the question does not name.
     */
    private static Optional<Column> rankedColumn(OfflineRequest r) {
        List<ColumnMention> numeric = r.q.columns(ColumnKind.NUMERIC);
        for (ColumnMention m : numeric) {
            int before = m.position() - 1;
            while (r.q.wordAt(before, "the")) {
                before--;
            }
            OfflineQuestion.Token t = r.q.token(before);
            if (t != null && t.kind() == OfflineQuestion.Kind.WORD && (t.text().equals("by")
                    || OfflineAnalyst.TOP_DESCENDING.contains(t.text()) || OfflineAnalyst.TOP_ASCENDING.contains(t.text()))) {
                return Optional.of(m.column());
            }
        }
        boolean impliedColumn = r.q.mentions(Set.of("expensive", "cheapest", "best", "worst"));
        return numeric.size() == 1 && !impliedColumn ? Optional.of(numeric.getFirst().column()) : Optional.empty();
    }

    /** Ten for "top"/"bottom" or a plural ("the cheapest houses"); one for "the highest price". */
    private static int defaultCount(OfflineQuestion q) {
        if (q.mentions(Set.of("top", "bottom"))) {
            return 10;
        }
        for (int i = 0; i + 1 < q.tokens().size(); i++) {
            OfflineQuestion.Token t = q.token(i);
            if (t.kind() == OfflineQuestion.Kind.WORD && (OfflineAnalyst.TOP_DESCENDING.contains(t.text())
                    || OfflineAnalyst.TOP_ASCENDING.contains(t.text()))) {
                OfflineQuestion.Token next = q.token(i + 1);
                return next.kind() == OfflineQuestion.Kind.WORD && !next.singular().equals(next.text()) ? 10 : 1;
            }
        }
        return 10;
    }

    static String pyBool(boolean b) {
        return b ? "True" : "False";
    }
}
