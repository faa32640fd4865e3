package io.autoanalyst.llm;

import static io.autoanalyst.llm.PythonSource.md;
import static io.autoanalyst.llm.PythonSource.str;
import static java.util.Objects.requireNonNull;

import io.autoanalyst.llm.DatasetSchema.Column;
import io.autoanalyst.llm.DatasetSchema.ColumnKind;
import io.autoanalyst.llm.OfflineQuestion.ColumnMention;
import io.autoanalyst.llm.OfflineQuestion.ValueMention;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The built-in analyst used when no language model is configured: it recognises a fixed set of analysis
 * intents in a question (by trigger words and synonyms, and by the dataset's real column names) and writes real
 * pandas / Plotly / statsmodels code for them. The code prints its key numbers so the user, and tests, can check
 * them. Anything else gets an honest answer that it needs a language model. The grammar is in
 * {@code docs/offline-analyst.md}; keep the two in step.
 */
public class OfflineAnalyst {

    static final String LABEL = "**Offline analyst** (rule-based, no language model)";

    static final String CONFIGURE_A_MODEL = "For open-ended questions configure a language model: set "
            + "`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`, `GEMINI_API_KEY` or `GROQ_API_KEY` on the server (or "
            + "`OPENAI_BASE_URL` for a local OpenAI-compatible server such as Ollama, vLLM or llama.cpp), or add "
            + "your own key in the model settings.";

    private static final Set<String> MISSING = Set.of("missing", "null", "nan", "na", "empty", "blank",
            "incomplete", "not available", "none values");
    private static final Set<String> REGRESSION = Set.of("regress", "regression", "regressed", "predict",
            "prediction", "predicting", "predictor", "model", "modelling", "modeling", "ols", "linear", "fit",
            "least squares");
    private static final Set<String> EFFECT = Set.of("effect", "impact", "influence", "affect", "affects",
            "drive", "drives", "explain", "explains");
    private static final Set<String> CORRELATION = Set.of("correlation", "correlate", "correlated", "corr",
            "relationship", "relation", "related", "relate", "association", "associated", "link", "linked");
    private static final Set<String> COMPARE = Set.of("compare", "comparison", "comparing", "differ",
            "difference", "different", "versus", "vs", "ttest", "t test", "significant", "contrast");
    private static final Set<String> TREND = Set.of("trend", "timeline", "evolution", "evolve", "evolved",
            "seasonality", "monthly", "yearly", "weekly", "daily", "over time", "time series", "by month",
            "by year", "per month", "per year", "by date", "over the years");
    private static final Set<String> TOP_DESCENDING = Set.of("top", "highest", "largest", "biggest", "greatest",
            "expensive", "best", "maximum values", "most expensive");
    private static final Set<String> TOP_ASCENDING = Set.of("bottom", "lowest", "smallest", "least", "cheapest",
            "worst");
    private static final Set<String> MEAN = Set.of("average", "mean", "avg");
    private static final Set<String> SUM = Set.of("sum", "total");
    private static final Set<String> MEDIAN = Set.of("median");
    private static final Set<String> MAX = Set.of("max", "maximum");
    private static final Set<String> MIN = Set.of("min", "minimum");
    private static final Set<String> COUNT = Set.of("count", "how many", "number of", "frequency of");
    private static final Set<String> GROUP_MARKERS = Set.of("by", "per", "each", "across", "grouped", "group",
            "every", "within");
    private static final Set<String> DISTRIBUTION = Set.of("distribution", "distributed", "histogram", "spread",
            "frequency", "frequencies", "shape", "skew", "skewness", "skewed", "boxplot", "box plot", "dispersion",
            "variance", "value counts", "breakdown", "range");
    private static final Set<String> SUMMARY = Set.of("summary", "summarize", "summarise", "statistics", "stats",
            "statistic", "descriptive", "std", "standard deviation", "quartile", "quartiles", "percentile");
    private static final Set<String> DESCRIBE = Set.of("describe", "overview", "info", "head", "preview",
            "structure", "schema", "explore", "eda", "what columns", "which columns", "the dataset", "the data",
            "this dataset", "this data", "look like", "what is in", "first rows");

    /** Answers {@code question} about the dataset described by {@code schema}. */
    public OfflineAnswer answer(String question, DatasetSchema schema) {
        requireNonNull(schema, "schema");
        OfflineAnswer a = recognise(question, schema);
        return new OfflineAnswer(a.intent(), a.code(), a.summary(), a.columns(), schema.varName());
    }

    /** The answer when the dataset description cannot be read: nothing is attempted. */
    public OfflineAnswer cannotRead(String reason) {
        OfflineAnswer none = notSupported(reason);
        return new OfflineAnswer(OfflineIntent.NOT_SUPPORTED, none.code(), LABEL + ": " + reason + " "
                + CONFIGURE_A_MODEL, List.of(), "df");
    }

    private OfflineAnswer recognise(String question, DatasetSchema schema) {
        if (question == null || question.isBlank()) {
            return notSupported("The question is empty.");
        }
        OfflineQuestion q = new OfflineQuestion(question, schema);
        Code code = new Code(schema.varName());

        if (q.mentions(MISSING)) {
            return missingValues(code);
        }
        if (q.mentions(REGRESSION) || (q.mentions(EFFECT) && numeric(q).size() >= 2)) {
            return regression(q, schema, code);
        }
        if (q.mentions(CORRELATION)) {
            return correlation(q, schema, code);
        }
        if (q.mentions(COMPARE) || (q.values().size() >= 2 && !numeric(q).isEmpty())) {
            return compare(q, schema, code);
        }
        if (q.mentions(TREND)) {
            return trend(q, schema, code);
        }
        boolean ascending = q.mentions(TOP_ASCENDING);
        if (q.mentions(TOP_DESCENDING) || ascending) {
            return topN(q, code, ascending);
        }
        Optional<Aggregation> aggregation = aggregation(q);
        if (aggregation.isPresent() && q.mentions(GROUP_MARKERS)) {
            Optional<Column> group = groupColumn(q);
            if (group.isPresent()) {
                return groupAggregate(q, group.get(), aggregation.get(), code);
            }
        }
        if (q.mentions(DISTRIBUTION)) {
            return distribution(q, schema, code);
        }
        if (q.mentions(SUMMARY) || (aggregation.isPresent() && !numeric(q).isEmpty())) {
            return summary(q, schema, code);
        }
        if (q.mentions(DESCRIBE)) {
            return q.columns().isEmpty() ? describe(code) : summary(q, schema, code);
        }
        return notSupported("I cannot answer this question offline: none of my rules matches it.");
    }

    // ---- intents -----------------------------------------------------------------------------------------

    private OfflineAnswer describe(Code code) {
        code.header("describe the dataset")
                .line("print(f\"Rows: {len(DF)}, columns: {DF.shape[1]}\")")
                .line("print('Column types:')")
                .line("print(DF.dtypes.to_string())")
                .line("print('First rows:')")
                .line("print(DF.head().to_string())")
                .line("numeric_cols = DF.select_dtypes('number').columns.tolist()")
                .line("print(f\"Numeric columns ({len(numeric_cols)}): {numeric_cols}\")")
                .line("print(f\"Other columns: {[c for c in DF.columns if c not in numeric_cols]}\")");
        return answer(OfflineIntent.DESCRIBE_DATASET, code,
                "An overview of the dataset: its size, column types and first rows.", List.of());
    }

    private OfflineAnswer missingValues(Code code) {
        code.header("missing values per column")
                .line("missing = DF.isna().sum()")
                .line("missing_table = pd.DataFrame({'missing': missing, 'percent': (missing / len(DF) * 100).round(2)})")
                .line("missing_table = missing_table.sort_values('missing', ascending=False)")
                .line("print(missing_table.to_string())")
                .line("print(f\"Total missing values: {int(missing.sum())}\")")
                .line("print(f\"Columns with missing values: {int((missing > 0).sum())} of {DF.shape[1]}\")")
                .line("fig = px.bar(missing_table.rename_axis('column').reset_index(), x='column', y='missing', "
                        + "title='Missing values per column')")
                .line("fig.show()");
        return answer(OfflineIntent.MISSING_VALUES, code,
                "Counts and percentages of missing values in every column, most affected first.", List.of());
    }

    private OfflineAnswer summary(OfflineQuestion q, DatasetSchema schema, Code code) {
        List<Column> columns = numeric(q);
        code.header("summary statistics");
        if (columns.isEmpty()) {
            if (schema.columnsOfKind(ColumnKind.NUMERIC).isEmpty()) {
                return notSupported("The dataset has no numeric column to summarise.");
            }
            code.line("cols = DF.select_dtypes('number').columns.tolist()");
        } else {
            code.assign("cols", list(columns));
        }
        code.line("summary = DF[cols].describe().T")
                .line("summary['median'] = DF[cols].median()")
                .line("print(summary.to_string())");
        List<Column> categorical = q.groupingColumns().stream().map(ColumnMention::column).toList();
        for (Column c : categorical) {
            code.assign("count_col", str(c.name()))
                    .line("print(DF[count_col].value_counts(dropna=False).to_string())");
        }
        String what = columns.isEmpty() ? "every numeric column" : names(columns);
        return answer(OfflineIntent.SUMMARY_STATISTICS, code,
                "Summary statistics (count, mean, standard deviation, quartiles, median) of " + what + ".",
                concat(columns, categorical));
    }

    private OfflineAnswer distribution(OfflineQuestion q, DatasetSchema schema, Code code) {
        code.header("distribution");
        if (q.columns().isEmpty()) {
            if (schema.columnsOfKind(ColumnKind.NUMERIC).isEmpty()) {
                return notSupported("Name the column whose distribution you want.");
            }
            code.line("numeric = DF.select_dtypes('number')")
                    .line("print(numeric.describe().T.to_string())")
                    .line("print('Skewness:')")
                    .line("print(numeric.skew().round(4).to_string())")
                    .line("fig = px.histogram(numeric.melt(var_name='column'), x='value', facet_col='column', "
                            + "facet_col_wrap=3, title='Distributions of the numeric columns')")
                    .line("fig.update_xaxes(matches=None)")
                    .line("fig.show()");
            return answer(OfflineIntent.DISTRIBUTION, code,
                    "Histograms and skewness of every numeric column.", List.of());
        }
        Column column = q.columns().getFirst().column();
        code.assign("col", str(column.name()));
        if (column.kind() == ColumnKind.NUMERIC) {
            code.line("values = DF[col].dropna()")
                    .line("print(values.describe().to_string())")
                    .line("print(f\"Skewness: {values.skew():.4f}\")")
                    .line("fig = px.histogram(DF, x=col, nbins=30, title=f\"Distribution of {col}\")")
                    .line("fig.show()");
            return answer(OfflineIntent.DISTRIBUTION, code, "A histogram of " + md(column.name())
                    + " with its summary statistics and skewness.", List.of(column.name()));
        }
        code.line("counts = DF[col].value_counts(dropna=False)")
                .line("print(counts.to_string())")
                .line("print('Share (%):')")
                .line("print((counts / counts.sum() * 100).round(2).to_string())")
                .line("fig = px.bar(x=counts.index.astype(str), y=counts.values, labels={'x': col, 'y': 'count'}, "
                        + "title=f\"Distribution of {col}\")")
                .line("fig.show()");
        return answer(OfflineIntent.DISTRIBUTION, code, "How often each value of " + md(column.name())
                + " occurs, as counts and shares.", List.of(column.name()));
    }

    private OfflineAnswer correlation(OfflineQuestion q, DatasetSchema schema, Code code) {
        List<Column> numeric = numeric(q);
        if (numeric.size() == 1 && !q.groupingColumns().isEmpty()) {
            // "relationship between price and furnishingstatus": a numeric against groups is a comparison.
            return compare(q, schema, code);
        }
        if (numeric.size() >= 2) {
            Column a = numeric.get(0);
            Column b = numeric.get(1);
            code.header("correlation of two columns")
                    .assign("x_col", str(a.name()))
                    .assign("y_col", str(b.name()))
                    .line("pair = DF[[x_col, y_col]].dropna()")
                    .line("pearson = pair[x_col].corr(pair[y_col])")
                    .line("spearman = pair[x_col].corr(pair[y_col], method='spearman')")
                    .line("print(f\"Pearson correlation between {x_col} and {y_col}: {pearson:.4f}\")")
                    .line("print(f\"Spearman rank correlation: {spearman:.4f}\")")
                    .line("print(f\"Rows used: {len(pair)}\")")
                    .line("fig = px.scatter(pair, x=x_col, y=y_col, trendline='ols', title=f\"{y_col} vs {x_col}\")")
                    .line("fig.show()");
            return answer(OfflineIntent.CORRELATION_PAIR, code, "The Pearson and Spearman correlations between "
                    + md(a.name()) + " and " + md(b.name()) + ", with a scatter plot and fitted line.",
                    List.of(a.name(), b.name()));
        }
        if (schema.columnsOfKind(ColumnKind.NUMERIC).size() < 2) {
            return notSupported("Correlations need at least two numeric columns.");
        }
        code.header("correlation matrix")
                .line("import numpy as np")
                .line("corr = DF.select_dtypes('number').corr()")
                .line("print(corr.round(4).to_string())")
                .line("pairs = corr.where(np.triu(np.ones(corr.shape, dtype=bool), k=1)).stack()")
                .line("pairs = pairs.reindex(pairs.abs().sort_values(ascending=False).index)")
                .line("print('Strongest pairs:')")
                .line("print(pairs.head(5).round(4).to_string())");
        String summary = "The correlation matrix of the numeric columns and the strongest pairs";
        List<String> used = List.of();
        if (numeric.size() == 1) {
            Column focus = numeric.getFirst();
            code.assign("focus", str(focus.name()))
                    .line("focus_corr = corr[focus].drop(focus)")
                    .line("print(f\"Correlations with {focus}:\")")
                    .line("print(focus_corr.reindex(focus_corr.abs().sort_values(ascending=False).index).round(4)"
                            + ".to_string())");
            summary += ", and how every numeric column correlates with " + md(focus.name());
            used = List.of(focus.name());
        }
        // px.imshow breaks on plotly 5.4 with numpy >= 1.24 (it uses the removed np.bool); a plain heatmap works everywhere.
        code.line("import plotly.graph_objects as go")
                .line("fig = go.Figure(go.Heatmap(z=corr.values, x=corr.columns.tolist(), y=corr.index.tolist(), "
                        + "zmin=-1, zmax=1, colorscale='RdBu_r'))")
                .line("fig.update_layout(title='Correlation matrix')")
                .line("fig.show()");
        return answer(OfflineIntent.CORRELATION_MATRIX, code, summary + ".", used);
    }

    private OfflineAnswer groupAggregate(OfflineQuestion q, Column group, Aggregation aggregation, Code code) {
        List<Column> values = numeric(q).stream().filter(c -> !c.equals(group)).toList();
        code.header("aggregate by group").assign("group_col", str(group.name()));
        if (aggregation == Aggregation.COUNT || (values.isEmpty() && aggregation == Aggregation.COUNT)) {
            code.line("result = DF.groupby(group_col).size().rename('count').sort_values(ascending=False)")
                    .line("print(result.to_string())")
                    .line("fig = px.bar(result.reset_index(), x=group_col, y='count', title=f\"Rows per {group_col}\")")
                    .line("fig.show()");
            return answer(OfflineIntent.GROUP_AGGREGATE, code, "The number of rows for each " + md(group.name())
                    + ".", List.of(group.name()));
        }
        if (values.isEmpty()) {
            code.line("result = DF.groupby(group_col).agg(" + str(aggregation.pandas) + ", numeric_only=True)")
                    .line("print(result.to_string())");
            return answer(OfflineIntent.GROUP_AGGREGATE, code, "The " + aggregation.word
                    + " of every numeric column for each " + md(group.name()) + ".", List.of(group.name()));
        }
        Column value = values.getFirst();
        code.assign("value_col", str(value.name()))
                .line("result = DF.groupby(group_col)[value_col].agg(" + str(aggregation.pandas)
                        + ").sort_values(ascending=False)")
                .line("print(result.to_string())")
                .line("fig = px.bar(result.reset_index(), x=group_col, y=value_col, title=f\"" + aggregation.word
                        + " of {value_col} by {group_col}\")")
                .line("fig.show()");
        return answer(OfflineIntent.GROUP_AGGREGATE, code, "The " + aggregation.word + " of " + md(value.name())
                + " for each " + md(group.name()) + ", largest first.", List.of(group.name(), value.name()));
    }

    private OfflineAnswer topN(OfflineQuestion q, Code code, boolean ascending) {
        List<Column> numeric = numeric(q);
        if (numeric.isEmpty()) {
            return notSupported("Name the numeric column to rank rows by, e.g. \"top 5 rows by price\".");
        }
        Column column = numeric.getFirst();
        int n = Math.min(q.count().orElse(10), 1000);
        String word = ascending ? "Bottom" : "Top";
        code.header((ascending ? "bottom" : "top") + " rows by a column")
                .line("n = " + n)
                .assign("col", str(column.name()))
                .line("top = DF." + (ascending ? "nsmallest" : "nlargest") + "(n, col)")
                .line("print(top.to_string())")
                .line("print(f\"" + word + " {n} values of {col}: {top[col].tolist()}\")")
                .line("fig = px.bar(x=top.index.astype(str), y=top[col], labels={'x': 'row', 'y': col}, "
                        + "title=f\"" + word + " {n} rows by {col}\")")
                .line("fig.show()");
        return answer(OfflineIntent.TOP_N, code, "The " + n + " rows with the " + (ascending ? "lowest" : "highest")
                + " " + md(column.name()) + ".", List.of(column.name()));
    }

    private OfflineAnswer trend(OfflineQuestion q, DatasetSchema schema, Code code) {
        Optional<Column> date = q.columns(ColumnKind.DATETIME).stream().map(ColumnMention::column).findFirst()
                .or(() -> schema.columnsOfKind(ColumnKind.DATETIME).stream().findFirst());
        if (date.isEmpty()) {
            return notSupported("A trend needs a date or time column, and this dataset has none.");
        }
        List<Column> numeric = numeric(q);
        code.header("trend over time")
                .line("import numpy as np")
                .assign("date_col", str(date.get().name()))
                .line("data = DF.copy()")
                .line("data[date_col] = pd.to_datetime(data[date_col], errors='coerce')")
                .line("data = data.dropna(subset=[date_col]).sort_values(date_col)")
                .line("span_days = (data[date_col].max() - data[date_col].min()).days")
                .line("freq = 'D' if span_days <= 62 else 'W' if span_days <= 370 else 'MS' if span_days <= 3660 else 'YS'");
        List<String> used = new ArrayList<>(List.of(date.get().name()));
        String what;
        if (numeric.isEmpty()) {
            code.line("series = data.set_index(date_col).resample(freq).size().rename('rows')");
            what = "the number of rows";
        } else {
            Column value = numeric.getFirst();
            used.add(value.name());
            code.assign("value_col", str(value.name()))
                    .line("series = data.set_index(date_col)[value_col].resample(freq).mean().dropna()");
            what = "the mean of " + md(value.name());
        }
        code.line("print(series.to_string())")
                .line("first, last = float(series.iloc[0]), float(series.iloc[-1])")
                .line("print(f\"First period: {first:.4f}, last period: {last:.4f}, change: {last - first:+.4f}\")")
                .line("slope = np.polyfit(np.arange(len(series)), series.values.astype(float), 1)[0] if len(series) > 1 else 0.0")
                .line("print(f\"Average change per period ({freq}): {slope:.4f}\")")
                .line("fig = px.line(series.reset_index(), x=date_col, y=series.name, title=f\"{series.name} over time\")")
                .line("fig.show()");
        return answer(OfflineIntent.TREND, code, "The trend of " + what + " over " + md(date.get().name())
                + ", per day, week, month or year depending on the span, with the average change per period.", used);
    }

    private OfflineAnswer regression(OfflineQuestion q, DatasetSchema schema, Code code) {
        List<ColumnMention> numeric = q.columns(ColumnKind.NUMERIC);
        if (numeric.isEmpty()) {
            return notSupported("Name the numeric column to predict, e.g. \"regress price on area\".");
        }
        ColumnMention target = numeric.getFirst();
        OptionalInt verb = q.positionOf(Set.of("regress", "regression", "predict", "model", "modelling", "modeling"));
        boolean effectPhrasing = q.mentions(EFFECT)
                && (verb.isEmpty() || verb.getAsInt() > numeric.getFirst().position());
        if (effectPhrasing && numeric.size() >= 2) {
            // "effect of area on price", "does area affect price": the target comes last.
            target = numeric.getLast();
        }
        Column y = target.column();
        List<Column> xs = numeric.stream().map(ColumnMention::column).filter(c -> !c.equals(y)).toList();
        code.header("linear regression (ordinary least squares)")
                .line("import statsmodels.api as sm")
                .assign("y_col", str(y.name()));
        if (xs.isEmpty()) {
            if (schema.columnsOfKind(ColumnKind.NUMERIC).size() < 2) {
                return notSupported("A regression needs a second numeric column to predict from.");
            }
            code.line("candidates = DF.select_dtypes('number').drop(columns=[y_col]).corrwith(DF[y_col]).abs().dropna()")
                    .line("x_cols = [candidates.idxmax()]")
                    .line("print(f\"Predictor chosen: {x_cols[0]} (the numeric column most correlated with {y_col})\")");
        } else {
            code.assign("x_cols", list(xs));
        }
        code.line("data = DF[x_cols + [y_col]].dropna()")
                .line("model = sm.OLS(data[y_col], sm.add_constant(data[x_cols], has_constant='add')).fit()")
                .line("print(f\"Model: {y_col} ~ {' + '.join(x_cols)} (ordinary least squares, {len(data)} rows)\")")
                .line("for x in x_cols:")
                .line("    print(f\"Slope of {x}: {model.params[x]:.4f} (p-value {model.pvalues[x]:.4g})\")")
                .line("print(f\"Intercept: {model.params['const']:.4f}\")")
                .line("print(f\"R-squared: {model.rsquared:.4f}\")")
                .line("if len(x_cols) == 1:")
                .line("    fig = px.scatter(data, x=x_cols[0], y=y_col, trendline='ols', title=f\"{y_col} vs {x_cols[0]}\")")
                .line("    fig.show()");
        String predictors = xs.isEmpty() ? "the numeric column most correlated with it" : names(xs);
        return answer(OfflineIntent.LINEAR_REGRESSION, code, "A linear regression of " + md(y.name()) + " on "
                + predictors + ": slopes, intercept, p-values and R².", concat(List.of(y), xs));
    }

    private OfflineAnswer compare(OfflineQuestion q, DatasetSchema schema, Code code) {
        Optional<Column> group = q.groupingColumns().stream().map(ColumnMention::column).findFirst();
        List<ValueMention> values = q.values();
        if (group.isEmpty() && !values.isEmpty()) {
            // "compare price between furnished and unfurnished": the values say which column.
            group = Optional.of(values.getFirst().column());
        }
        List<Column> numeric = numeric(q);
        if (group.isEmpty() && numeric.size() >= 2) {
            return correlation(q, schema, code);
        }
        if (group.isEmpty() || numeric.isEmpty()) {
            return notSupported("To compare groups, name a numeric column and a category column, e.g. "
                    + "\"compare price between mainroad yes and no\".");
        }
        Column g = group.get();
        Column value = numeric.getFirst();
        List<String> chosen = values.stream().filter(v -> v.column().equals(g)).map(ValueMention::value)
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        code.header("compare groups")
                .line("from scipy import stats")
                .assign("group_col", str(g.name()))
                .assign("value_col", str(value.name()))
                .line("data = DF[[group_col, value_col]].dropna()");
        if (chosen.size() >= 2) {
            code.assign("groups", strings(chosen))
                    .line("data = data[data[group_col].astype(str).isin(groups)]");
        } else {
            code.line("groups = [str(v) for v in data[group_col].unique()]");
        }
        code.line("stats_table = data.groupby(group_col)[value_col].agg(['count', 'mean', 'median', 'std'])")
                .line("print(stats_table.to_string())")
                .line("samples = [data.loc[data[group_col].astype(str) == g, value_col] for g in groups]")
                .line("if len(samples) == 2:")
                .line("    diff = samples[0].mean() - samples[1].mean()")
                .line("    print(f\"Difference in mean {value_col} ({groups[0]} - {groups[1]}): {diff:.4f}\")")
                .line("    t_stat, p_value = stats.ttest_ind(samples[0], samples[1], equal_var=False)")
                .line("    print(f\"Welch t-test: t = {t_stat:.4f}, p = {p_value:.4g}\")")
                .line("elif len(samples) > 2:")
                .line("    f_stat, p_value = stats.f_oneway(*samples)")
                .line("    print(f\"One-way ANOVA: F = {f_stat:.4f}, p = {p_value:.4g}\")")
                .line("fig = px.box(data, x=group_col, y=value_col, title=f\"{value_col} by {group_col}\")")
                .line("fig.show()");
        String which = chosen.size() >= 2 ? " (" + String.join(" vs ", chosen) + ")" : "";
        return answer(OfflineIntent.COMPARE_GROUPS, code, "A comparison of " + md(value.name()) + " between the "
                + md(g.name()) + " groups" + which + ": counts, means, medians, a Welch t-test (or ANOVA for more "
                + "than two groups) and a box plot.", List.of(g.name(), value.name()));
    }

    private OfflineAnswer notSupported(String reason) {
        String summary = LABEL + ": " + reason + " Without a language model I can only describe the dataset, "
                + "count missing values, give summary statistics, show a column's distribution, compute "
                + "correlations, aggregate by group (\"average price by furnishingstatus\"), list the top rows "
                + "(\"top 5 rows by price\"), show a trend over a date column, fit a simple linear regression "
                + "(\"regress price on area\") and compare groups (\"compare price between mainroad yes and no\"). "
                + CONFIGURE_A_MODEL;
        String code = "# Offline analyst (rule-based, no LLM): no rule matches this question.\n"
                + "print(" + str("The offline analyst cannot answer this question; configure a language model "
                + "(e.g. OPENAI_API_KEY) for open-ended analysis.") + ")\n";
        return new OfflineAnswer(OfflineIntent.NOT_SUPPORTED, code, summary, List.of(), "df");
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private static OfflineAnswer answer(OfflineIntent intent, Code code, String what, List<String> columns) {
        String summary = LABEL + ": " + what + " Run the code to see the numbers; it prints them and draws a chart "
                + "where one helps.\n\n" + CONFIGURE_A_MODEL.replace("For open-ended questions", "For questions "
                + "beyond these built-in analyses");
        return new OfflineAnswer(intent, code.toString(), summary, columns, "df");
    }

    private enum Aggregation {
        MEAN("mean", "Mean"), SUM("sum", "Sum"), MEDIAN("median", "Median"), MAX("max", "Maximum"),
        MIN("min", "Minimum"), COUNT("count", "Count");

        final String pandas;
        final String word;

        Aggregation(String pandas, String word) {
            this.pandas = pandas;
            this.word = word;
        }
    }

    private static Optional<Aggregation> aggregation(OfflineQuestion q) {
        if (q.mentions(MEAN)) {
            return Optional.of(Aggregation.MEAN);
        }
        if (q.mentions(MEDIAN)) {
            return Optional.of(Aggregation.MEDIAN);
        }
        if (q.mentions(SUM)) {
            return Optional.of(Aggregation.SUM);
        }
        if (q.mentions(MAX)) {
            return Optional.of(Aggregation.MAX);
        }
        if (q.mentions(MIN)) {
            return Optional.of(Aggregation.MIN);
        }
        if (q.mentions(COUNT)) {
            return Optional.of(Aggregation.COUNT);
        }
        return Optional.empty();
    }

    /** The column right after "by"/"per"/"each"..., else the first category column named. */
    private static Optional<Column> groupColumn(OfflineQuestion q) {
        OptionalInt marker = q.positionOf(GROUP_MARKERS);
        if (marker.isPresent()) {
            Optional<Column> after = q.columns().stream()
                    .filter(m -> m.position() > marker.getAsInt())
                    .findFirst()
                    .map(ColumnMention::column);
            if (after.isPresent()) {
                return after;
            }
        }
        return q.groupingColumns().stream().map(ColumnMention::column).findFirst();
    }

    private static List<Column> numeric(OfflineQuestion q) {
        return q.columns(ColumnKind.NUMERIC).stream().map(ColumnMention::column).toList();
    }

    private static String list(List<Column> columns) {
        return strings(columns.stream().map(Column::name).toList());
    }

    private static String strings(List<String> values) {
        return values.stream().map(PythonSource::str).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String names(List<Column> columns) {
        return columns.stream().map(c -> md(c.name())).collect(Collectors.joining(", "));
    }

    private static List<String> concat(List<Column> a, List<Column> b) {
        List<String> all = new ArrayList<>();
        a.forEach(c -> all.add(c.name()));
        b.forEach(c -> all.add(c.name()));
        return all;
    }

    /**
     * Every name the generated code binds. Kernels keep variables between runs, so a dataset variable with one of
     * these names would be overwritten by the analysis; such a dataset is read through an alias instead.
     */
    static final Set<String> NAMES_BOUND_BY_GENERATED_CODE = Set.of("pd", "px", "np", "sm", "stats", "missing",
            "missing_table", "cols", "summary", "count_col", "col", "values", "numeric", "counts", "x_col", "y_col",
            "pair", "pearson", "spearman", "corr", "pairs", "focus", "focus_corr", "group_col", "value_col", "result",
            "n", "top", "date_col", "data", "span_days", "freq", "series", "first", "last", "slope", "candidates",
            "x_cols", "x", "g", "model", "groups", "stats_table", "samples", "diff", "t_stat", "p_value", "f_stat",
            "fig", "numeric_cols", "c", "v", "go");

    /** Generated code; {@code DF} in a template line stands for the dataset's variable. */
    private static final class Code {
        private static final String ALIAS = "_dataset";
        private final String varName;
        private final String frame;
        private final StringBuilder sb = new StringBuilder();

        Code(String varName) {
            this.varName = varName;
            this.frame = NAMES_BOUND_BY_GENERATED_CODE.contains(varName) ? ALIAS : varName;
        }

        Code header(String what) {
            sb.append("# Offline analyst (rule-based, no LLM): ").append(what).append('\n')
                    .append("import pandas as pd\n")
                    .append("import plotly.express as px\n");
            if (!frame.equals(varName)) {
                sb.append(frame).append(" = ").append(varName).append('\n');
            }
            return this;
        }

        /** A line of template code, never holding data: its word {@code DF} becomes the dataset's variable. */
        Code line(String template) {
            // The variable name is a checked Python identifier, so a plain word replacement is safe. Column
            // names and values never pass through here (see assign), so a column called "DF" stays intact.
            sb.append(template.replaceAll("\\bDF\\b", frame)).append('\n');
            return this;
        }

        /** {@code name = literal}, where the literal (from {@link PythonSource}) is copied untouched. */
        Code assign(String name, String literal) {
            sb.append(name).append(" = ").append(literal).append('\n');
            return this;
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
