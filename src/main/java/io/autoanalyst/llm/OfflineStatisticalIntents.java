package io.autoanalyst.llm;

import static io.autoanalyst.llm.OfflineRequest.list;
import static io.autoanalyst.llm.OfflineRequest.names;
import static io.autoanalyst.llm.OfflineRequest.namesOf;
import static io.autoanalyst.llm.OfflineRequest.strings;
import static io.autoanalyst.llm.PythonSource.md;
import static io.autoanalyst.llm.PythonSource.str;

import io.autoanalyst.llm.DatasetSchema.Column;
import io.autoanalyst.llm.DatasetSchema.ColumnKind;
import io.autoanalyst.llm.OfflineAnalyst.Aggregation;
import io.autoanalyst.llm.OfflineCode.Helper;
import io.autoanalyst.llm.OfflineQuestion.ColumnMention;
import io.autoanalyst.llm.OfflineQuestion.ValueMention;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Intents that relate columns or test them: distribution, correlation, comparison, crosstab, outliers, trend. */
final class OfflineStatisticalIntents {

    private OfflineStatisticalIntents() {
    }

    static OfflineAnswer distribution(OfflineRequest r) {
        OfflineCode code = r.code.header("distribution");
        if (r.q.columns().isEmpty()) {
            if (r.schema.columnsOfKind(ColumnKind.NUMERIC).isEmpty()) {
                return r.notSupported("Name the column whose distribution you want.");
            }
            code.uses(Helper.NUMBERS);
            r.filterRows();
            code.line("numeric = _numbers(DF, DF.select_dtypes('number').columns)")
                    .line("print(numeric.describe().T.to_string())")
                    .line("print('Skewness:')")
                    .line("print(numeric.skew().round(4).to_string())")
                    .line("fig = px.histogram(numeric.melt(var_name='column'), x='value', facet_col='column', "
                            + "facet_col_wrap=3, title='Distributions of the numeric columns')")
                    .line("fig.update_xaxes(matches=None)")
                    .line("fig.show()");
            return r.answer(OfflineIntent.DISTRIBUTION, "Histograms and skewness of every numeric column.", List.of());
        }
        Column column = r.q.columns().getFirst().column();
        r.filterRows();
        code.assign("col", str(column.name()));
        if (column.kind() == ColumnKind.NUMERIC) {
            code.line("values = pd.to_numeric(DF[col], errors='coerce').astype(float).dropna()")
                    .line("print(values.describe().to_string())")
                    .line("print(f\"Skewness: {values.skew():.4f} (bias-corrected, as pandas computes it)\")")
                    .line("print(f\"Excess kurtosis: {values.kurt():.4f} (bias-corrected, as pandas computes it)\")");
            if (r.q.mentions(Set.of("normal", "normally", "normality", "shapiro", "gaussian"))) {
                code.imports("from scipy import stats").uses(Helper.FORMAT)
                        .line("w_stat, p_value = stats.shapiro(values)")
                        .line("print(f\"Shapiro-Wilk normality test: W = {w_stat:.4f}, p = {p_value:.4g}\")")
                        .line("print(f\"At the " + alpha(r) + " level the values {'are not' if p_value < " + alpha(r)
                                + " else 'could be'} normally distributed (Shapiro-Wilk).\")");
            }
            code.line("fig = px.histogram(values.to_frame(col), x=col, nbins=30, title=f\"Distribution of {col}\")")
                    .line("fig.show()");
            return r.answer(OfflineIntent.DISTRIBUTION, "A histogram of " + md(column.name())
                    + " with its summary statistics, skewness and kurtosis.", List.of(column.name()));
        }
        code.line("counts = DF[col].value_counts(dropna=False)")
                .line("print(counts.to_string())")
                .line("print('Share (%):')")
                .line("print((counts / counts.sum() * 100).round(2).to_string())")
                .line("fig = px.bar(x=counts.index.astype(str), y=counts.values, labels={'x': col, 'y': 'count'}, "
                        + "title=f\"Distribution of {col}\")")
                .line("fig.show()");
        return r.answer(OfflineIntent.DISTRIBUTION, "How often each value of " + md(column.name())
                + " occurs, as counts and shares.", List.of(column.name()));
    }

    static OfflineAnswer correlation(OfflineRequest r) {
        List<Column> numeric = r.numeric();
        if (numeric.size() == 1 && !r.grouping().isEmpty()) {
            // "relationship between price and furnishingstatus": a numeric against groups is a comparison.
            return compare(r);
        }
        OfflineCode code = r.code;
        if (numeric.size() == 2) {
            Column a = numeric.get(0);
            Column b = numeric.get(1);
            code.header("correlation of two columns").imports("from scipy import stats").uses(Helper.NUMBERS);
            r.filterRows();
            code.assign("x_col", str(a.name()))
                    .assign("y_col", str(b.name()))
                    .line("pair = _numbers(DF, [x_col, y_col]).dropna()")
                    .line("pearson = pair[x_col].corr(pair[y_col])")
                    .line("spearman = pair[x_col].corr(pair[y_col], method='spearman')")
                    .line("print(f\"Pearson correlation between {x_col} and {y_col}: {pearson:.4f}\")")
                    .line("if len(pair) > 2 and pair[x_col].nunique() > 1 and pair[y_col].nunique() > 1:")
                    .line("    print(f\"Pearson p-value: {stats.pearsonr(pair[x_col], pair[y_col])[1]:.4g}\")")
                    .line("print(f\"Spearman rank correlation: {spearman:.4f}\")");
            if (r.q.mentions(Set.of("kendall"))) {
                code.line("print(f\"Kendall tau: {pair[x_col].corr(pair[y_col], method='kendall'):.4f}\")");
            }
            code.line("print(f\"Rows used: {len(pair)}\")")
                    .line("strength = 'strong' if abs(pearson) >= 0.7 else 'moderate' if abs(pearson) >= 0.3 else 'weak'")
                    .line("print(f\"That is a {strength} {'positive' if pearson > 0 else 'negative'} linear relationship "
                            + "(|r| >= 0.7 strong, >= 0.3 moderate, else weak).\")")
                    .line("fig = px.scatter(pair, x=x_col, y=y_col, trendline='ols', title=f\"{y_col} vs {x_col}\")")
                    .line("fig.show()");
            return r.answer(OfflineIntent.CORRELATION_PAIR, "The Pearson (with its p-value) and Spearman correlations "
                    + "between " + md(a.name()) + " and " + md(b.name()) + ", with a scatter plot and fitted line.",
                    List.of(a.name(), b.name()));
        }
        if (r.schema.columnsOfKind(ColumnKind.NUMERIC).size() < 2) {
            return r.notSupported("Correlations need at least two numeric columns.");
        }
        code.header("correlation matrix").imports("import numpy as np", "import plotly.graph_objects as go")
                .uses(Helper.NUMBERS);
        r.filterRows();
        if (numeric.size() > 2) {
            code.assign("cols", list(numeric));
        } else {
            code.line("cols = DF.select_dtypes('number').columns.tolist()");
        }
        code.line("corr = _numbers(DF, cols).corr()")
                .line("print(corr.round(4).to_string())")
                .line("pairs = corr.where(np.triu(np.ones(corr.shape, dtype=bool), k=1)).stack()")
                .line("pairs = pairs.reindex(pairs.abs().sort_values(ascending=False).index)")
                .line("print('Strongest pairs:')")
                .line("print(pairs.head(5).round(4).to_string())");
        String summary = "The correlation matrix of the " + (numeric.size() > 2 ? "named" : "numeric")
                + " columns and the strongest pairs";
        List<String> used = numeric.size() > 2 ? namesOf(numeric) : List.of();
        if (numeric.size() == 1) {
            Column focus = numeric.getFirst();
            code.assign("focus", str(focus.name()))
                    .line("focus_corr = corr[focus].drop(focus)")
                    .line("print(f\"Correlations with {focus}:\")")
                    .line("print(focus_corr.reindex(focus_corr.abs().sort_values(ascending=False).index).round(4)"
                            + ".to_string())")
                    .line("if focus_corr.notna().any():")
                    .line("    print(f\"Strongest correlation with {focus}: {focus_corr.abs().idxmax()} "
                            + "({focus_corr[focus_corr.abs().idxmax()]:.4f})\")");
            summary += ", and how every numeric column correlates with " + md(focus.name());
            used = List.of(focus.name());
        }
        // px.imshow breaks on plotly 5.4 with numpy >= 1.24 (it uses the removed np.bool); a plain heatmap works everywhere.
        code.line("fig = go.Figure(go.Heatmap(z=corr.values, x=corr.columns.tolist(), y=corr.index.tolist(), "
                        + "zmin=-1, zmax=1, colorscale='RdBu_r'))")
                .line("fig.update_layout(title='Correlation matrix')")
                .line("fig.show()");
        return r.answer(OfflineIntent.CORRELATION_MATRIX, summary + ".", used);
    }

    static OfflineAnswer compare(OfflineRequest r) {
        Optional<Column> group = r.grouping().stream().findFirst();
        List<ValueMention> values = r.q.values();
        if (group.isEmpty() && !values.isEmpty()) {
            // "compare price between furnished and unfurnished": the values say which column.
            group = Optional.of(values.getFirst().column());
        }
        List<Column> numeric = r.numeric();
        if (group.isEmpty() && numeric.size() >= 2) {
            return correlation(r);
        }
        if (group.isEmpty() || numeric.isEmpty()) {
            return r.notSupported("To compare groups, name a numeric column and a category column, e.g. "
                    + "\"compare price between mainroad yes and no\".");
        }
        Column g = group.get();
        Column value = numeric.getFirst();
        List<String> chosen = values.stream().filter(v -> v.column().equals(g)).map(ValueMention::value)
                .collect(Collectors.toCollection(LinkedHashSet::new)).stream().toList();
        boolean equalVariances = r.q.mentions(Set.of("equal variance", "equal variances", "student", "pooled"));
        OfflineCode code = r.code.header("compare groups").imports("import numpy as np", "from scipy import stats")
                .uses(Helper.FORMAT);
        r.filterRows();
        code.assign("group_col", str(g.name()))
                .assign("value_col", str(value.name()))
                .line("data = DF[[group_col, value_col]].dropna()")
                .line("data[value_col] = pd.to_numeric(data[value_col], errors='coerce').astype(float)")
                .line("data = data.dropna()");
        if (chosen.size() >= 2) {
            code.assign("groups", strings(chosen))
                    .line("data = data[data[group_col].astype(str).isin(groups)]");
        } else {
            code.line("groups = [str(v) for v in data[group_col].unique()]");
        }
        String alpha = alpha(r);
        code.line("stats_table = data.groupby(group_col)[value_col].agg(['count', 'mean', 'median', 'std'])")
                .line("print(stats_table.to_string())")
                .line("samples = [data.loc[data[group_col].astype(str) == g, value_col] for g in groups]")
                .line("too_small = [g for g, s in zip(groups, samples) if len(s) < 2]")
                .line("if too_small:")
                .line("    print(f\"Left out of the test (fewer than 2 rows): {', '.join(too_small)}\")")
                .line("    groups = [g for g, s in zip(groups, samples) if len(s) >= 2]")
                .line("    samples = [s for s in samples if len(s) >= 2]")
                .line("alpha = " + alpha)
                .line("if len(samples) == 2:")
                .line("    diff = samples[0].mean() - samples[1].mean()")
                .line("    print(f\"Difference in mean {value_col} ({groups[0]} - {groups[1]}): {diff:.4f}\")")
                .line("    t_stat, p_value = stats.ttest_ind(samples[0], samples[1], equal_var=False)")
                .line("    print(f\"Welch t-test: t = {t_stat:.4f}, p = {p_value:.4g}\")")
                .line("    t_student, p_student = stats.ttest_ind(samples[0], samples[1])")
                .line("    print(f\"Student's t-test (equal variances assumed): t = {t_student:.4f}, p = {p_student:.4g}\")")
                .line("    n1, n2 = len(samples[0]), len(samples[1])")
                .line("    pooled_sd = np.sqrt(((n1 - 1) * samples[0].var() + (n2 - 1) * samples[1].var()) / (n1 + n2 - 2))")
                .line("    print(f\"Cohen's d (pooled standard deviation): {_fmt(diff / pooled_sd) if pooled_sd > 0 else 'n/a'}\")");
        if (equalVariances) {
            code.line("    verdict_p, test_name = p_student, \"Student's t-test\"");
        } else {
            code.line("    verdict_p, test_name = p_value, 'Welch t-test'");
        }
        code.line("elif len(samples) > 2:")
                .line("    f_stat, p_value = stats.f_oneway(*samples)")
                .line("    print(f\"One-way ANOVA: F = {f_stat:.4f}, p = {p_value:.4g}\")")
                .line("    pooled = pd.concat(samples)")
                .line("    ss_between = sum(len(s) * (s.mean() - pooled.mean()) ** 2 for s in samples)")
                .line("    ss_total = ((pooled - pooled.mean()) ** 2).sum()")
                .line("    print(f\"Eta squared (share of variance between groups): {_fmt(ss_between / ss_total) if ss_total > 0 else 'n/a'}\")")
                .line("    verdict_p, test_name = p_value, 'one-way ANOVA'");
        if (r.q.mentions(Set.of("mann whitney", "mannwhitney", "kruskal", "non parametric", "nonparametric", "wilcoxon"))) {
            code.line("if len(samples) == 2:")
                    .line("    u_stat, p_u = stats.mannwhitneyu(samples[0], samples[1], alternative='two-sided')")
                    .line("    print(f\"Mann-Whitney U test: U = {u_stat:.4f}, p = {p_u:.4g}\")")
                    .line("elif len(samples) > 2:")
                    .line("    h_stat, p_h = stats.kruskal(*samples)")
                    .line("    print(f\"Kruskal-Wallis test: H = {h_stat:.4f}, p = {p_h:.4g}\")");
        }
        code.line("if len(samples) >= 2:")
                .line("    verdict = 'statistically significant' if verdict_p < alpha else 'not statistically significant'")
                .line("    print(f\"At the {alpha} level the difference in mean {value_col} between the groups is {verdict} "
                        + "({test_name}, p = {verdict_p:.4g}).\")")
                .line("else:")
                .line("    print('Fewer than two groups with at least 2 rows: no test is possible.')")
                .line("fig = px.box(data, x=group_col, y=value_col, title=f\"{value_col} by {group_col}\")")
                .line("fig.show()");
        String which = chosen.size() >= 2 ? " (" + String.join(" vs ", chosen) + ")" : "";
        return r.answer(OfflineIntent.COMPARE_GROUPS, "A comparison of " + md(value.name()) + " between the "
                + md(g.name()) + " groups" + which + ": counts, means, medians, Welch's and Student's t-tests with "
                + "Cohen's d for two groups, a one-way ANOVA with eta squared for more, and a box plot.",
                List.of(g.name(), value.name()));
    }

    static OfflineAnswer crosstab(OfflineRequest r) {
        List<Column> categories = r.grouping();
        if (categories.size() < 2) {
            return r.notSupported("A crosstab needs two category columns, e.g. \"crosstab of furnishingstatus and "
                    + "mainroad\".");
        }
        Column rows = categories.get(0);
        Column columns = categories.get(1);
        OfflineCode code = r.code.header("crosstab of two category columns")
                .imports("import numpy as np", "from scipy import stats", "import plotly.graph_objects as go")
                .uses(Helper.FORMAT);
        r.filterRows();
        code.assign("row_col", str(rows.name()))
                .assign("col_col", str(columns.name()))
                .line("table = pd.crosstab(DF[row_col], DF[col_col])")
                .line("print(table.to_string())")
                .line("print('Row percentages:')")
                .line("print((pd.crosstab(DF[row_col], DF[col_col], normalize='index') * 100).round(2).to_string())")
                .line("alpha = " + alpha(r))
                .line("if table.shape[0] > 1 and table.shape[1] > 1:")
                .line("    chi2, p_value, dof, expected = stats.chi2_contingency(table)")
                .line("    correction = \" (with Yates' continuity correction, as SciPy applies to 2 x 2 tables)\" if dof == 1 else ''")
                .line("    print(f\"Chi-square test of independence: chi2 = {_fmt(chi2)}, p = {p_value:.4g}, degrees of "
                        + "freedom = {dof}{correction}\")")
                .line("    chi2_plain = stats.chi2_contingency(table, correction=False)[0]")
                .line("    cramers_v = np.sqrt(chi2_plain / (table.values.sum() * (min(table.shape) - 1)))")
                .line("    print(f\"Cramer's V (from the uncorrected chi2): {_fmt(cramers_v)}\")")
                .line("    verdict = 'are not independent' if p_value < alpha else 'could be independent'")
                .line("    print(f\"At the {alpha} level {row_col} and {col_col} {verdict} (p = {p_value:.4g}).\")")
                .line("    if (expected < 5).any():")
                .line("        print('Note: some expected counts are below 5, so the chi-square p-value is approximate.')")
                .line("else:")
                .line("    print('One of the columns has a single value: no test is possible.')")
                .line("fig = go.Figure(go.Heatmap(z=table.values, x=table.columns.astype(str).tolist(), "
                        + "y=table.index.astype(str).tolist(), colorscale='Blues'))")
                .line("fig.update_layout(title=f\"{row_col} by {col_col}\", xaxis_title=col_col, yaxis_title=row_col)")
                .line("fig.show()");
        return r.answer(OfflineIntent.CROSSTAB, "The counts of " + md(rows.name()) + " against " + md(columns.name())
                + ", row percentages, and a chi-square test of independence with Cramér's V.",
                List.of(rows.name(), columns.name()));
    }

    static OfflineAnswer outliers(OfflineRequest r) {
        List<Column> columns = r.numeric();
        if (columns.isEmpty() && r.schema.columnsOfKind(ColumnKind.NUMERIC).isEmpty()) {
            return r.notSupported("Outliers need a numeric column, and this dataset has none.");
        }
        boolean zScore = r.parameters.zScore() != null || r.q.mentions(Set.of("z score", "zscore", "standard deviations",
                "standard deviation"));
        OfflineCode code = r.code.header("outliers").uses(Helper.FORMAT, Helper.NUMBERS);
        r.filterRows();
        if (columns.isEmpty()) {
            code.line("cols = DF.select_dtypes('number').columns.tolist()");
        } else {
            code.assign("cols", list(columns));
        }
        code.line("values = _numbers(DF, cols)")
                .line("outlier_rows = pd.Series(False, index=DF.index)");
        if (zScore) {
            BigDecimal threshold = r.parameters.zScore() == null ? BigDecimal.valueOf(3) : r.parameters.zScore();
            String side = r.q.mentions(Set.of("above the mean", "above average")) ? "z >"
                    : r.q.mentions(Set.of("below the mean", "below average")) ? "z <" : "|z| >";
            String test = switch (side) {
                case "z >" -> "z > threshold";
                case "z <" -> "z < -threshold";
                default -> "z.abs() > threshold";
            };
            code.line("threshold = " + OfflineConditions.plain(threshold))
                    .line("for col in cols:")
                    .line("    v = values[col].dropna()")
                    .line("    z = (v - v.mean()) / v.std(ddof=0)")
                    .line("    flagged = " + test)
                    .line("    outlier_rows |= flagged.reindex(DF.index, fill_value=False)")
                    .line("    print(f\"Outliers in {col}{scope} (" + side + " {threshold}, z-scores from the mean and the "
                            + "population standard deviation, as scipy.stats.zscore): {int(flagged.sum())} of {len(v)} rows\")");
        } else {
            BigDecimal factor = r.parameters.iqrFactor() == null ? new BigDecimal("1.5") : r.parameters.iqrFactor();
            code.line("factor = " + OfflineConditions.plain(factor))
                    .line("for col in cols:")
                    .line("    v = values[col].dropna()")
                    .line("    q1, q3 = v.quantile(0.25), v.quantile(0.75)")
                    .line("    low, high = q1 - factor * (q3 - q1), q3 + factor * (q3 - q1)")
                    .line("    flagged = (v < low) | (v > high)")
                    .line("    outlier_rows |= flagged.reindex(DF.index, fill_value=False)")
                    .line("    print(f\"Outliers in {col}{scope} (IQR rule: below Q1 - {factor} x IQR = {_fmt(low)} or above "
                            + "Q3 + {factor} x IQR = {_fmt(high)}; Q1 = {_fmt(q1)}, Q3 = {_fmt(q3)}): {int(flagged.sum())} of "
                            + "{len(v)} rows ({int((v < low).sum())} below, {int((v > high).sum())} above)\")");
        }
        code.line("if len(cols) > 1:")
                .line("    print(f\"Rows that are an outlier in at least one column: {int(outlier_rows.sum())} of {len(DF)}\")")
                .line("if 0 < outlier_rows.sum() <= 20:")
                .line("    print(DF[outlier_rows].to_string())")
                .line("fig = px.box(values.melt(var_name='column'), x='column', y='value', title='Outliers')")
                .line("fig.show()");
        String method = zScore ? "z-scores" : "the interquartile range (IQR) rule";
        return r.answer(OfflineIntent.OUTLIERS, "Outliers by " + method + " in " + (columns.isEmpty()
                ? "every numeric column" : names(columns)) + ", with a box plot.", namesOf(columns));
    }

    static OfflineAnswer trend(OfflineRequest r) {
        Optional<Column> date = r.q.columns(ColumnKind.DATETIME).stream().map(ColumnMention::column).findFirst()
                .or(() -> r.schema.columnsOfKind(ColumnKind.DATETIME).stream().findFirst());
        Optional<Column> yearColumn = date.isPresent() ? Optional.empty() : r.named().stream()
                .filter(c -> OfflineQuestion.words(c.name()).contains("year")).findFirst();
        if (date.isEmpty() && yearColumn.isEmpty()) {
            return r.notSupported("A trend needs a date or time column, and this dataset has none.");
        }
        Column time = date.orElseGet(yearColumn::get);
        List<Column> numeric = r.numeric().stream().filter(c -> !c.equals(time)).toList();
        Optional<Aggregation> aggregation = OfflineAnalyst.aggregation(r.q);
        boolean sum = aggregation.filter(a -> a == Aggregation.SUM).isPresent();
        OfflineCode code = r.code.header("trend over time").imports("import numpy as np").uses(Helper.FORMAT);
        r.filterRows();
        code.assign("date_col", str(time.name()))
                .line("data = DF.copy()");
        List<String> used = new ArrayList<>(List.of(time.name()));
        String what;
        String valueLine;
        if (numeric.isEmpty() || aggregation.filter(a -> a == Aggregation.COUNT).isPresent()) {
            what = "the number of rows";
            valueLine = date.isPresent() ? "series = data.set_index(date_col).resample(freq).size().rename('rows')"
                    : "series = data.groupby(date_col).size().rename('rows')";
        } else {
            Column value = numeric.getFirst();
            used.add(value.name());
            code.assign("value_col", str(value.name()))
                    .line("data[value_col] = pd.to_numeric(data[value_col], errors='coerce').astype(float)");
            what = (sum ? "the total of " : "the mean of ") + md(value.name());
            String agg = sum ? "sum(min_count=1)" : "mean()";
            valueLine = date.isPresent() ? "series = data.set_index(date_col)[value_col].resample(freq)." + agg + ".dropna()"
                    : "series = data.groupby(date_col)[value_col]." + agg + ".dropna()";
        }
        if (date.isPresent()) {
            code.uses(Helper.CANNOT_ANSWER)
                    .line("known = int(data[date_col].notna().sum())")
                    .line("data[date_col] = pd.to_datetime(data[date_col], errors='coerce')")
                    .line("if known == 0 or data[date_col].notna().sum() < 0.5 * known:")
                    .line("    raise _CannotAnswer(f\"most values of {date_col} are not dates pandas can read\")")
                    .line("data = data.dropna(subset=[date_col]).sort_values(date_col)")
                    .line("span_days = (data[date_col].max() - data[date_col].min()).days");
            String explicit = frequency(r.q);
            code.line(explicit != null ? "freq = " + str(explicit)
                    : "freq = 'D' if span_days <= 62 else 'W' if span_days <= 370 else 'MS' if span_days <= 3660 else 'YS'");
        } else {
            code.line("data = data.dropna(subset=[date_col]).sort_values(date_col)")
                    .line("freq = 'one period per value of ' + date_col");
        }
        code.line(valueLine)
                .line("print(series.to_string())")
                .line("first, last = float(series.iloc[0]), float(series.iloc[-1])")
                .line("print(f\"First period: {first:.4f}, last period: {last:.4f}, change: {last - first:+.4f}\")")
                .line("slope = np.polyfit(np.arange(len(series)), series.values.astype(float), 1)[0] if len(series) > 1 else 0.0")
                .line("print(f\"Average change per period ({freq}): {slope:.4f}\")")
                .line("print(f\"Highest period: {series.idxmax()} ({_fmt(series.max())}); lowest period: {series.idxmin()} "
                        + "({_fmt(series.min())})\")")
                .line("fig = px.line(series.reset_index(), x=date_col, y=series.name, title=f\"{series.name} over time\")")
                .line("fig.show()");
        return r.answer(OfflineIntent.TREND, "The trend of " + what + " over " + md(time.name())
                + (date.isPresent() ? ", per day, week, month, quarter or year (as asked, else depending on the span)"
                : ", per value of " + md(time.name())) + ", with the average change per period.", used);
    }

    /** The period the question asks for ("monthly", "per year"), as a pandas frequency; null when it names none. */
    private static String frequency(OfflineQuestion q) {
        if (q.mentions(Set.of("daily", "per day", "by day", "each day"))) return "D";
        if (q.mentions(Set.of("weekly", "per week", "by week", "each week"))) return "W";
        if (q.mentions(Set.of("monthly", "per month", "by month", "each month"))) return "MS";
        if (q.mentions(Set.of("quarterly", "per quarter", "by quarter", "each quarter"))) return "QS";
        if (q.mentions(Set.of("yearly", "annually", "annual", "per year", "by year", "each year"))) return "YS";
        return null;
    }

    /** The significance level the question gives, 0.05 otherwise. */
    static String alpha(OfflineRequest r) {
        return r.parameters.alpha() == null ? "0.05" : OfflineConditions.plain(r.parameters.alpha());
    }
}
