package io.autoanalyst.llm;

import static io.autoanalyst.llm.OfflineRequest.list;
import static io.autoanalyst.llm.OfflineRequest.names;
import static io.autoanalyst.llm.OfflineRequest.namesOf;
import static io.autoanalyst.llm.PythonSource.md;
import static io.autoanalyst.llm.PythonSource.str;

import io.autoanalyst.llm.DatasetSchema.Column;
import io.autoanalyst.llm.DatasetSchema.ColumnKind;
import io.autoanalyst.llm.OfflineCode.Helper;
import io.autoanalyst.llm.OfflineQuestion.ColumnMention;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/** Intents that fit a model: linear regression (statsmodels OLS), a classifier, k-means clusters. */
final class OfflineModelIntents {

    private static final Set<String> ALL_PREDICTORS = Set.of("all other", "all the other", "every other", "all columns",
            "all variables", "all features", "all predictors", "all the columns", "all the variables",
            "all the features", "the other columns", "the other variables", "the other features", "the remaining",
            "all remaining", "everything else");

    private OfflineModelIntents() {
    }

    static OfflineAnswer regression(OfflineRequest r) {
        List<ColumnMention> numeric = r.q.columns(ColumnKind.NUMERIC);
        if (numeric.isEmpty()) {
            return r.notSupported("Name the numeric column to predict, e.g. \"regress price on area\".");
        }
        ColumnMention target = numeric.getFirst();
        OptionalInt verb = r.q.positionOf(Set.of("regress", "regression", "predict", "model", "modelling", "modeling"));
        boolean effectPhrasing = r.q.mentions(OfflineAnalyst.EFFECT)
                && (verb.isEmpty() || verb.getAsInt() > numeric.getFirst().position());
        if (effectPhrasing && numeric.size() >= 2) {
            // "effect of area on price", "does area affect price": the target comes last.
            target = numeric.getLast();
        }
        Column y = target.column();
        List<Column> xs = r.named().stream().filter(c -> !c.equals(y) && c.kind() != ColumnKind.DATETIME
                && c.kind() != ColumnKind.TEXT).toList();
        boolean allOthers = xs.isEmpty() && r.q.mentions(ALL_PREDICTORS);
        OfflineCode code = r.code.header("linear regression (ordinary least squares)")
                .imports("import statsmodels.api as sm").uses(Helper.NUMBERS);
        r.filterRows();
        code.assign("y_col", str(y.name()));
        if (allOthers) {
            List<Column> others = r.schema.columns().stream().filter(c -> !c.equals(y)
                    && (c.kind() == ColumnKind.NUMERIC || c.kind().groups())).toList();
            if (others.isEmpty()) {
                return r.notSupported("The dataset has no other column to predict " + md(y.name()) + " from.");
            }
            xs = others;
            code.assign("x_cols", list(xs));
        } else if (xs.isEmpty()) {
            if (r.schema.columnsOfKind(ColumnKind.NUMERIC).size() < 2) {
                return r.notSupported("A regression needs a second numeric column to predict from.");
            }
            code.line("numeric = _numbers(DF, DF.select_dtypes('number').columns)")
                    .line("candidates = numeric.drop(columns=[y_col]).corrwith(numeric[y_col]).abs().dropna()")
                    .line("x_cols = [candidates.idxmax()]")
                    .line("print(f\"Predictor chosen: {x_cols[0]} (the numeric column most correlated with {y_col})\")");
        } else {
            code.assign("x_cols", list(xs));
        }
        List<Column> categories = xs.stream().filter(c -> c.kind() != ColumnKind.NUMERIC).toList();
        code.line("data = DF[x_cols + [y_col]].dropna()");
        if (categories.isEmpty()) {
            code.line("x = _numbers(data, x_cols)");
        } else {
            code.assign("category_cols", list(categories))
                    .line("x = pd.get_dummies(data[x_cols], columns=category_cols, drop_first=True, dtype=float)")
                    .line("x = _numbers(x, x.columns)");
        }
        code.line("y = pd.to_numeric(data[y_col], errors='coerce').astype(float)")
                .line("model = sm.OLS(y, sm.add_constant(x, has_constant='add')).fit()")
                .line("print(f\"Model: {y_col} ~ {' + '.join(map(str, x.columns))} (ordinary least squares, {len(data)} rows)\")")
                .line("for name in x.columns:")
                .line("    print(f\"Slope of {name}: {model.params[name]:.4f} (p-value {model.pvalues[name]:.4g})\")")
                .line("print(f\"Intercept: {model.params['const']:.4f}\")")
                .line("print(f\"R-squared: {model.rsquared:.4f}\")")
                .line("print(f\"Adjusted R-squared: {model.rsquared_adj:.4f}\")")
                .line("print(f\"F-statistic: {model.fvalue:.4f} (p-value {model.f_pvalue:.4g})\")")
                .line("print(model.summary())");
        if (categories.isEmpty()) {
            code.line("if len(x_cols) == 1:")
                    .line("    fig = px.scatter(data.assign(**{x_cols[0]: x[x_cols[0]], y_col: y}), x=x_cols[0], y=y_col, "
                            + "trendline='ols', title=f\"{y_col} vs {x_cols[0]}\")")
                    .line("    fig.show()");
        }
        String predictors = xs.isEmpty() ? "the numeric column most correlated with it" : names(xs)
                + (categories.isEmpty() ? "" : " (category columns as 0/1 indicators, the first category left out)");
        List<String> used = new ArrayList<>(List.of(y.name()));
        used.addAll(namesOf(xs));
        return r.answer(OfflineIntent.LINEAR_REGRESSION, "A linear regression of " + md(y.name()) + " on "
                + predictors + ": slopes with p-values, intercept, R², adjusted R², F-test and the statsmodels summary.",
                used);
    }

    static OfflineAnswer classification(OfflineRequest r) {
        List<ColumnMention> named = r.q.columns();
        if (named.isEmpty()) {
            return r.notSupported("Name the column to classify, e.g. \"predict whether mainroad is yes from price and "
                    + "area with logistic regression\".");
        }
        OptionalInt verb = r.q.positionOf(Set.of("predict", "classify", "classifying", "predicting", "whether", "if",
                "target", "classification"));
        ColumnMention target = named.stream()
                .filter(m -> verb.isPresent() && m.position() > verb.getAsInt())
                .findFirst()
                .orElseGet(() -> named.stream().filter(m -> m.column().kind() != ColumnKind.NUMERIC).findFirst()
                        .orElse(named.getFirst()));
        Column y = target.column();
        List<Column> xs = r.named().stream().filter(c -> !c.equals(y) && c.kind() != ColumnKind.DATETIME
                && c.kind() != ColumnKind.TEXT).toList();
        String method;
        String model;
        if (r.q.mentions(Set.of("random forest", "forest"))) {
            method = "random forest";
            model = "RandomForestClassifier(n_estimators=100, random_state=random_state)";
        } else if (r.q.mentions(Set.of("decision tree", "tree"))) {
            method = "decision tree";
            model = "DecisionTreeClassifier(random_state=random_state)";
        } else {
            method = "logistic regression";
            model = "LogisticRegression(max_iter=1000)";
        }
        String testShare = r.parameters.testShare() == null ? "0.2" : OfflineConditions.plain(r.parameters.testShare());
        int randomState = r.parameters.randomState() == null ? 42 : r.parameters.randomState();
        OfflineCode code = r.code.header("classification (" + method + ")")
                .imports("from sklearn.model_selection import train_test_split", "from sklearn.metrics import accuracy_score",
                        switch (method) {
                            case "random forest" -> "from sklearn.ensemble import RandomForestClassifier";
                            case "decision tree" -> "from sklearn.tree import DecisionTreeClassifier";
                            default -> "from sklearn.linear_model import LogisticRegression";
                        })
                .uses(Helper.FORMAT, Helper.NUMBERS, Helper.CANNOT_ANSWER);
        r.filterRows();
        code.assign("target_col", str(y.name()));
        if (xs.isEmpty()) {
            code.line("x_cols = [c for c in DF.select_dtypes('number').columns if c != target_col]");
        } else {
            code.assign("x_cols", list(xs));
        }
        List<Column> categories = xs.stream().filter(c -> c.kind() != ColumnKind.NUMERIC).toList();
        code.line("if not x_cols:")
                .line("    raise _CannotAnswer(f\"there is no numeric column to predict {target_col} from\")")
                .line("data = DF[x_cols + [target_col]].dropna()");
        if (categories.isEmpty()) {
            code.line("x = _numbers(data, x_cols)");
        } else {
            code.assign("category_cols", list(categories))
                    .line("x = pd.get_dummies(data[x_cols], columns=category_cols, drop_first=True, dtype=float)")
                    .line("x = _numbers(x, x.columns)");
        }
        code.line("y = data[target_col].astype(str)")
                .line("classes = y.value_counts()")
                .line("if len(classes) < 2:")
                .line("    raise _CannotAnswer(f\"{target_col} has a single value, so there is nothing to classify\")")
                .line("if len(classes) > 20:")
                .line("    raise _CannotAnswer(f\"{target_col} has {len(classes)} distinct values; a classifier needs a "
                        + "column of a few categories\")")
                .line("test_size, random_state = " + testShare + ", " + randomState)
                .line("x_train, x_test, y_train, y_test = train_test_split(x, y, test_size=test_size, random_state=random_state)")
                .line("model = " + model)
                .line("model.fit(x_train, y_train)")
                .line("predicted = model.predict(x_test)")
                .line("accuracy = accuracy_score(y_test, predicted)")
                .line("print(f\"Classes of {target_col}: \" + ', '.join(f\"{k} ({v} rows)\" for k, v in classes.items()))")
                .line("print(f\"Predictors: {', '.join(map(str, x.columns))}\")")
                .line("print(f\"Accuracy of " + method + " predicting {target_col} on the held-out test rows{scope}: "
                        + "{_fmt(accuracy)} ({int((predicted == y_test).sum())} of {len(y_test)} right; test_size={test_size}, "
                        + "random_state={random_state})\")")
                .line("majority = y_train.value_counts().idxmax()")
                .line("print(f\"Accuracy of always predicting the most common class ({majority}): "
                        + "{_fmt((y_test == majority).mean())}\")")
                .line("print(pd.crosstab(y_test, predicted, rownames=['actual'], colnames=['predicted']).to_string())");
        if (method.equals("random forest") || method.equals("decision tree")) {
            code.line("importance = pd.Series(model.feature_importances_, index=x.columns).sort_values(ascending=False)")
                    .line("print('Feature importances:')")
                    .line("print(importance.round(4).to_string())")
                    .line("fig = px.bar(importance.reset_index(), x='index', y=0, labels={'index': 'feature', '0': 'importance'}, "
                            + "title='Feature importances')")
                    .line("fig.show()");
        }
        List<String> used = new ArrayList<>(List.of(y.name()));
        used.addAll(namesOf(xs));
        return r.answer(OfflineIntent.CLASSIFICATION, "A " + method + " classifier of " + md(y.name()) + " from "
                + (xs.isEmpty() ? "the other numeric columns" : names(xs)) + ", trained on " + percent(testShare, true)
                + " of the rows and scored by its accuracy on the other " + percent(testShare, false)
                + " (random_state " + randomState + "), next to always guessing the most common class.", used);
    }

    static OfflineAnswer clustering(OfflineRequest r) {
        List<Column> columns = r.numeric();
        if (columns.isEmpty() && r.schema.columnsOfKind(ColumnKind.NUMERIC).isEmpty()) {
            return r.notSupported("Clustering needs numeric columns, and this dataset has none.");
        }
        int k = r.parameters.clusters() == null ? 3 : r.parameters.clusters();
        if (k < 2 || k > 50) {
            return r.notSupported("The number of clusters must be between 2 and 50.");
        }
        boolean scaled = r.q.mentions(Set.of("standardize", "standardise", "standardized", "standardised", "scale",
                "scaled", "scaling", "normalize", "normalise", "normalized", "normalised"));
        int randomState = r.parameters.randomState() == null ? 42 : r.parameters.randomState();
        OfflineCode code = r.code.header("k-means clustering")
                .imports("from sklearn.cluster import KMeans", "from sklearn.metrics import silhouette_score")
                .uses(Helper.FORMAT, Helper.NUMBERS, Helper.CANNOT_ANSWER);
        if (scaled) {
            code.imports("from sklearn.preprocessing import StandardScaler");
        }
        r.filterRows();
        if (columns.isEmpty()) {
            code.line("cols = DF.select_dtypes('number').columns.tolist()");
        } else {
            code.assign("cols", list(columns));
        }
        code.line("data = _numbers(DF, cols).dropna()")
                .line("k = " + k)
                .line("if len(data) <= k:")
                .line("    raise _CannotAnswer(f\"{len(data)} complete rows are too few for {k} clusters\")")
                .line(scaled ? "features = StandardScaler().fit_transform(data)" : "features = data.values")
                .line("model = KMeans(n_clusters=k, n_init=10, random_state=" + randomState + ").fit(features)")
                .line("labels = pd.Series(model.labels_, index=data.index, name='cluster')")
                .line("sizes = labels.value_counts().sort_index()")
                .line("print(f\"K-means with k = {k} on {', '.join(map(str, cols))} (" + (scaled
                        ? "columns standardised to mean 0 and standard deviation 1" : "columns not scaled")
                        + ", n_init=10, random_state=" + randomState + "), {len(data)} complete rows\")")
                .line("print('Rows per cluster:')")
                .line("print(sizes.to_string())")
                .line("print(f\"Cluster sizes, largest first: {sorted(sizes.tolist(), reverse=True)}\")")
                .line("print('Mean of each column per cluster:')")
                .line("print(data.groupby(labels).mean().round(4).to_string())")
                .line("print(f\"Inertia (within-cluster sum of squared distances): {_fmt(model.inertia_)}\")")
                .line("if 1 < len(sizes) < len(data):")
                .line("    print(f\"Silhouette score: {_fmt(silhouette_score(features, model.labels_))}\")")
                .line("fig = px.scatter(data.assign(cluster=labels.astype(str)), x=cols[0], y=cols[1] if len(cols) > 1 "
                        + "else cols[0], color='cluster', title=f\"{k} clusters\")")
                .line("fig.show()");
        return r.answer(OfflineIntent.CLUSTERING, "K-means with " + k + " clusters on " + (columns.isEmpty()
                ? "every numeric column" : names(columns)) + (scaled ? " (standardised)" : " (not scaled)")
                + ": rows per cluster, cluster means, inertia and silhouette score.", namesOf(columns));
    }

    private static String percent(String testShare, boolean training) {
        double share = Double.parseDouble(testShare);
        double p = (training ? 1 - share : share) * 100;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + "%";
    }
}
